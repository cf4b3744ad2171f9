package io.plumbago.whisper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The retentions a new whisper file gets, chosen as carbon reads {@code storage-schemas.conf}: sections in file
 * order, each a {@code pattern} regex searched in the metric name and a {@code retentions} list; the first match wins;
 * when nothing matches, carbon's built-in default {@code 60s:7d}. Immutable and thread-safe.
 */
public final class StorageSchemas {
  /** Carbon's default when no section matches: one archive of 60 s points for 7 days. */
  public static final List<Retention> CARBON_DEFAULT = List.of(new Retention(60, 10080));

  private record Rule(String name, Pattern pattern, List<Retention> retentions) {}

  private final List<Rule> rules;
  private final List<Retention> fallback;

  private StorageSchemas(List<Rule> rules, List<Retention> fallback) {
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
  }

  /** Every metric gets {@code retentions} (validated with whisper's rules). */
  public static StorageSchemas uniform(List<Retention> retentions) {
    return new StorageSchemas(List.of(), Retention.validate(retentions));
  }

  /**
   * Reads a storage-schemas.conf file. Sections without a pattern or retentions are skipped, as carbon skips them;
   * a bad regex or retention is a {@link WhisperFormatException} naming the section (carbon refuses to start).
   */
  public static StorageSchemas parse(Path file) throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> section : IniFile.read(file).entrySet()) {
      String pattern = section.getValue().get("pattern");
      String retentions = section.getValue().get("retentions");
      if (pattern == null || retentions == null) {
        continue;
      }
      try {
        rules.add(new Rule(section.getKey(), Pattern.compile(pattern), Retention.parseList(retentions)));
      } catch (PatternSyntaxException | WhisperFormatException e) {
        throw new WhisperFormatException(file + ": section [" + section.getKey() + "]: " + e.getMessage(), e);
      }
    }
    return new StorageSchemas(rules, CARBON_DEFAULT);
  }

  /** The retentions, finest first, for a new file holding {@code metric}. */
  public List<Retention> retentionsFor(String metric) {
    for (Rule rule : rules) {
      if (rule.pattern.matcher(metric).find()) {
        return rule.retentions;
      }
    }
    return fallback;
  }
}
