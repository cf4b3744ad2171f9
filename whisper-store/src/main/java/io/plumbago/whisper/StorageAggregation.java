package io.plumbago.whisper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The aggregation method and xFilesFactor a new whisper file gets, chosen as carbon reads
 * {@code storage-aggregation.conf}: the first section whose {@code pattern} is found in the name wins, even if it
 * sets only one of the two; what it leaves unset, and every metric no section matches, gets whisper's defaults
 * (average, 0.5). Immutable and thread-safe.
 */
public final class StorageAggregation {
  /** The method and xFilesFactor for one new file. */
  public record Choice(AggregationMethod method, float xFilesFactor) {}

  /** Whisper's defaults: average, xFilesFactor 0.5. */
  public static final Choice WHISPER_DEFAULT = new Choice(AggregationMethod.AVERAGE, 0.5f);

  private record Rule(Pattern pattern, Choice choice) {}

  private final List<Rule> rules;

  private StorageAggregation(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Every metric gets whisper's defaults. */
  public static StorageAggregation defaults() {
    return new StorageAggregation(List.of());
  }

  /**
   * Reads a storage-aggregation.conf file. A section with a bad xFilesFactor or method is skipped, as carbon skips
   * it; a bad regex is a {@link WhisperFormatException} naming the section.
   */
  public static StorageAggregation parse(Path file) throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> section : IniFile.read(file).entrySet()) {
      Map<String, String> options = section.getValue();
      if (options.get("pattern") == null) {
        continue;
      }
      try {
        Pattern pattern = Pattern.compile(options.get("pattern"));
        String method = options.get("aggregationmethod");
        String xff = options.get("xfilesfactor");
        float factor = xff == null ? WHISPER_DEFAULT.xFilesFactor() : Float.parseFloat(xff);
        if (!(factor >= 0 && factor <= 1)) {
          continue;
        }
        rules.add(new Rule(pattern, new Choice(
            method == null ? WHISPER_DEFAULT.method() : AggregationMethod.fromName(method), factor)));
      } catch (PatternSyntaxException e) {
        throw new WhisperFormatException(file + ": section [" + section.getKey() + "]: " + e.getMessage(), e);
      } catch (NumberFormatException | WhisperFormatException e) {
        // carbon logs and skips a section whose values it cannot use
      }
    }
    return new StorageAggregation(rules);
  }

  /** The method and xFilesFactor for a new file holding {@code metric}. */
  public Choice choiceFor(String metric) {
    for (Rule rule : rules) {
      if (rule.pattern.matcher(metric).find()) {
        return rule.choice;
      }
    }
    return WHISPER_DEFAULT;
  }
}
