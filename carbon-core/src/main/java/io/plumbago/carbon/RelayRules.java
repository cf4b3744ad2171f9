package io.plumbago.carbon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * carbon's {@code relay-rules.conf} ({@code RELAY_METHOD = rules}): sections in file order, each a case-insensitive
 * {@code pattern} searched in the metric name with its {@code destinations} and an optional {@code continue}; exactly
 * one section has {@code default = true} instead of a pattern and is tried last. A metric goes to the destinations of
 * the first matching rule (and of later ones while rules say {@code continue = true}). Immutable and thread-safe.
 */
public final class RelayRules {
  private record Rule(Pattern pattern, List<Destination> destinations, boolean continueMatching) {}

  private final List<Rule> rules;

  private RelayRules(List<Rule> rules) {
    this.rules = rules;
  }

  /** Reads a relay-rules.conf; a file carbon would refuse throws {@link IllegalArgumentException} saying why. */
  public static RelayRules parse(Path file) throws IOException {
    Map<String, Map<String, String>> sections = readIni(file);
    List<Rule> rules = new ArrayList<>();
    Rule defaultRule = null;
    for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
      Map<String, String> options = section.getValue();
      String name = section.getKey();
      if (!options.containsKey("destinations")) {
        throw new IllegalArgumentException("Rules file " + file + " section " + name
            + " does not define a 'destinations' list");
      }
      List<Destination> destinations = new ArrayList<>();
      for (String d : options.get("destinations").split(",")) {
        destinations.add(Destination.parse(d.strip()));
      }
      if (options.containsKey("pattern")) {
        if (options.containsKey("default")) {
          throw new IllegalArgumentException("Section " + name
              + " contains both 'pattern' and 'default'. You must use one or the other.");
        }
        Pattern pattern;
        try {
          pattern = Pattern.compile(options.get("pattern"), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("Section " + name + ": bad pattern: " + e.getMessage(), e);
        }
        rules.add(new Rule(pattern, destinations, bool(options.getOrDefault("continue", "false"), name)));
      } else if (options.containsKey("default")) {
        if (!bool(options.get("default"), name)) {
          continue;
        }
        if (defaultRule != null) {
          throw new IllegalArgumentException("Only one default rule can be specified");
        }
        defaultRule = new Rule(null, destinations, false);
      }
    }
    if (defaultRule == null) {
      throw new IllegalArgumentException("No default rule defined. You must specify exactly one rule with "
          + "'default = true' instead of a pattern.");
    }
    rules.add(defaultRule);
    return new RelayRules(List.copyOf(rules));
  }

  /**
   * The destinations of {@code metric} in carbon's order, keeping only those in {@code configured} (carbon's
   * DESTINATIONS). As in carbon, a destination named by two matching rules appears twice (carbon then sends the point
   * twice; a relay may send it once).
   */
  public List<Destination> destinationsFor(String metric, Set<Destination> configured) {
    List<Destination> out = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.pattern() == null || rule.pattern().matcher(metric).find()) {
        for (Destination d : rule.destinations()) {
          if (configured.contains(d)) {
            out.add(d);
          }
        }
        if (!rule.continueMatching()) {
          break;
        }
      }
    }
    return out;
  }

  /** ConfigParser's booleans. */
  private static boolean bool(String value, String section) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "1", "yes", "true", "on" -> true;
      case "0", "no", "false", "off" -> false;
      default -> throw new IllegalArgumentException("Section " + section + ": not a boolean: " + value);
    };
  }

  /** Sections in file order, option names lower-cased, {@code key = value} or {@code key: value}, # and ; comments. */
  private static Map<String, Map<String, String>> readIni(Path file) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (current == null || at <= 0) {
        throw new IllegalArgumentException(file + ": cannot read line '" + raw + "'");
      }
      current.put(line.substring(0, at).strip().toLowerCase(Locale.ROOT), line.substring(at + 1).strip());
    }
    return sections;
  }
}
