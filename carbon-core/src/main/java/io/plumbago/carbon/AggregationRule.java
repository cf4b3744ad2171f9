package io.plumbago.carbon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One line of carbon's {@code aggregation-rules.conf}: {@code output_template (frequency) = method input_pattern}.
 * The input pattern becomes carbon's regex ({@code <field>} captures one path element, {@code <<field>>} several,
 * {@code *} one element, literal text is not escaped) and the output template fills in the captured fields.
 *
 * Immutable and thread-safe.
 */
public final class AggregationRule {
  private static final List<String> METHODS =
      List.of("sum", "avg", "min", "max", "p50", "p75", "p80", "p90", "p95", "p99", "p999", "count");

  private final String outputTemplate;
  private final int frequencySeconds;
  private final String method;
  private final String inputPattern;
  private final Pattern regex;
  private final Map<String, String> groups = new HashMap<>();

  /**
   * A rule emitting {@code method} of the points matching {@code inputPattern} every {@code frequencySeconds} as
   * {@code outputTemplate}; methods are carbon's ({@code sum avg min max count p50 p75 p80 p90 p95 p99 p999}).
   */
  public AggregationRule(String outputTemplate, int frequencySeconds, String method, String inputPattern) {
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("Invalid aggregation method '" + method + "'");
    }
    if (frequencySeconds <= 0) {
      throw new IllegalArgumentException("frequency must be positive: " + frequencySeconds);
    }
    this.outputTemplate = outputTemplate;
    this.frequencySeconds = frequencySeconds;
    this.method = method;
    this.inputPattern = inputPattern;
    this.regex = compile(inputPattern, groups);
  }

  /** The output name with {@code <field>} placeholders. */
  public String outputTemplate() {
    return outputTemplate;
  }

  /** How often the aggregate is emitted, and the width of its intervals, in seconds. */
  public int frequencySeconds() {
    return frequencySeconds;
  }

  /** The aggregation method. */
  public String method() {
    return method;
  }

  /** The input pattern as written. */
  public String inputPattern() {
    return inputPattern;
  }

  /** Parses one rule line as carbon does; a line carbon would refuse throws {@link IllegalArgumentException}. */
  public static AggregationRule parse(String line) {
    int eq = line.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("Failed to parse rule: " + line);
    }
    String[] left = line.substring(0, eq).strip().split("\\s+");
    String[] right = line.substring(eq + 1).strip().split("\\s+");
    if (left.length != 2 || right.length != 2 || left[0].isEmpty() || right[0].isEmpty()) {
      throw new IllegalArgumentException("Failed to parse rule: " + line);
    }
    String frequency = left[1];
    while (frequency.startsWith("(")) {
      frequency = frequency.substring(1);
    }
    while (frequency.endsWith(")")) {
      frequency = frequency.substring(0, frequency.length() - 1);
    }
    try {
      return new AggregationRule(left[0], Integer.parseInt(frequency), right[0], right[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Failed to parse rule: " + line, e);
    }
  }

  /** Reads an aggregation-rules.conf: one rule per line, {@code #} comments and blank lines skipped. */
  public static List<AggregationRule> parseFile(java.nio.file.Path file) throws java.io.IOException {
    List<AggregationRule> rules = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(file)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        rules.add(parse(l));
      }
    }
    return rules;
  }

  /** The aggregate {@code metric} feeds under this rule, or null when it does not match (or the template fails). */
  public String outputFor(String metric) {
    Matcher m = regex.matcher(metric);
    if (!m.lookingAt()) { // Python's re.match: anchored at the start; the pattern ends with $
      return null;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    String t = outputTemplate;
    while (i < t.length()) {
      int open = t.indexOf('<', i);
      if (open < 0) {
        out.append(t, i, t.length());
        break;
      }
      int close = t.indexOf('>', open);
      out.append(t, i, open);
      if (close < 0) {
        return null; // Python's % formatting fails on a dangling "%("
      }
      String field = t.substring(open + 1, close);
      String group = groups.get(field);
      if (group == null) {
        return null; // carbon raises KeyError: the point makes no aggregate
      }
      out.append(m.group(group));
      i = close + 1;
    }
    return out.toString();
  }

  private static Pattern compile(String inputPattern, Map<String, String> groups) {
    List<String> parts = new ArrayList<>();
    for (String part : inputPattern.split("\\.", -1)) {
      int dbl = part.indexOf("<<");
      int dblEnd = part.indexOf(">>");
      int open = part.indexOf('<');
      int close = part.indexOf('>');
      if (dbl >= 0 && dblEnd >= 0) {
        String group = "g" + groups.size();
        groups.put(part.substring(dbl + 2, dblEnd), group);
        parts.add(part.substring(0, dbl) + "(?<" + group + ">.+?)" + part.substring(dblEnd + 2));
      } else if (open > -1 && close > open) {
        String group = "g" + groups.size();
        groups.put(part.substring(open + 1, close), group);
        parts.add(part.substring(0, open) + "(?<" + group + ">[^.]+?)" + part.substring(close + 1));
      } else if (part.equals("*")) {
        parts.add("[^.]+");
      } else {
        parts.add(part.replace("*", "[^.]*"));
      }
    }
    try {
      return Pattern.compile(String.join("\\.", parts) + "$");
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("input pattern '" + inputPattern + "' is not a valid regex", e);
    }
  }

  /** carbon's aggregation of the values of one interval. */
  public double aggregate(double[] values, int count) {
    if (count == 0) {
      return Double.NaN;
    }
    switch (method) {
      case "sum", "avg" -> {
        double sum = 0;
        for (int i = 0; i < count; i++) {
          sum += values[i];
        }
        return method.equals("sum") ? sum : sum / count;
      }
      case "min", "max" -> {
        double best = values[0];
        for (int i = 1; i < count; i++) {
          best = method.equals("min") ? Math.min(best, values[i]) : Math.max(best, values[i]);
        }
        return best;
      }
      case "count" -> {
        return count;
      }
      default -> {
        double factor = switch (method) {
          case "p50" -> 0.50;
          case "p75" -> 0.75;
          case "p80" -> 0.80;
          case "p90" -> 0.90;
          case "p95" -> 0.95;
          case "p99" -> 0.99;
          default -> 0.999;
        };
        double[] sorted = java.util.Arrays.copyOf(values, count);
        java.util.Arrays.sort(sorted);
        double rank = factor * (count - 1);
        int left = (int) Math.floor(rank);
        int right = (int) Math.ceil(rank);
        return left == right ? sorted[left] : sorted[left] * (right - rank) + sorted[right] * (rank - left);
      }
    }
  }
}
