package io.plumbago.carbon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graphite's tagged series names, read and normalised as carbon's {@code TaggedSeries} does: {@code name;tag=value}
 * (or OpenMetrics' {@code name{tag="value",...}}) becomes the name followed by its tags sorted, each tag checked
 * against graphite's rules (no empty tag or value, no {@code ;!^=} in a tag, no {@code ;} in a value, no value starting
 * with {@code ~}); a later duplicate tag wins. Leading {@code ~} are stripped from the name, even untagged. carbon's
 * cache stores every metric under this normal form.
 */
public final class TaggedSeries {
  private static final Pattern OPENMETRICS_SEGMENT =
      Pattern.compile("([^=]+)=\"((?:[\\\\][\"\\\\]|[^\"\\\\])+)\"(:?,|$)");

  private TaggedSeries() {}

  /** The normal form of {@code path}; a name graphite would refuse throws {@link CarbonProtocolException}. */
  public static String normalize(String path) {
    Map<String, String> tags = new LinkedHashMap<>();
    String metric;
    if (path.endsWith("\"}") && path.indexOf('{') >= 0) {
      String body = path.substring(0, path.length() - 1);
      int brace = body.indexOf('{');
      metric = body.substring(0, brace);
      if (metric.isEmpty()) {
        throw new CarbonProtocolException("Cannot parse path " + path + ", no metric found");
      }
      String raw = body.substring(brace + 1);
      if (raw.indexOf('{') >= 0) { // carbon's split('{', 2) then fails to unpack three pieces
        throw new CarbonProtocolException("Cannot parse path " + path + ": more than one '{'");
      }
      while (!raw.isEmpty()) {
        Matcher m = OPENMETRICS_SEGMENT.matcher(raw);
        if (!m.lookingAt()) {
          throw new CarbonProtocolException("Cannot parse path " + path + ", invalid segment " + raw);
        }
        String tag = m.group(1);
        String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
        validate(tag, value);
        tags.put(tag, value);
        raw = raw.substring(m.end());
      }
    } else {
      String[] segments = path.split(";", -1);
      metric = segments[0];
      if (metric.isEmpty()) {
        throw new CarbonProtocolException("Cannot parse path " + path + ", no metric found");
      }
      for (int i = 1; i < segments.length; i++) {
        int eq = segments[i].indexOf('=');
        if (eq <= 0) {
          throw new CarbonProtocolException("Cannot parse path " + path + ", invalid segment " + segments[i]);
        }
        String tag = segments[i].substring(0, eq);
        String value = segments[i].substring(eq + 1);
        validate(tag, value);
        tags.put(tag, value);
      }
    }
    String name = stripTildes(metric);
    if (name.isEmpty()) {
      throw new CarbonProtocolException("Cannot use metric name " + metric + " as tag value, results in empty string");
    }
    tags.remove("name");
    List<String> parts = new ArrayList<>(tags.size());
    tags.forEach((tag, value) -> parts.add(";" + tag + "=" + value));
    Collections.sort(parts);
    return name + String.join("", parts);
  }

  /**
   * What carbon's cache stores a point under: the normal form, or {@code path} itself when graphite would refuse it
   * (carbon logs that and carries on with the raw name). Names without {@code ;}, <code>{</code> or a leading
   * {@code ~} are returned as they are without any work.
   */
  public static String normalizeOrKeep(String path) {
    if (path.indexOf(';') < 0 && path.indexOf('{') < 0 && (path.isEmpty() || path.charAt(0) != '~')) {
      return path;
    }
    try {
      return normalize(path);
    } catch (CarbonProtocolException e) {
      return path;
    }
  }

  private static String stripTildes(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '~') {
      i++;
    }
    return s.substring(i);
  }

  private static void validate(String tag, String value) {
    if (tag.isEmpty()) {
      throw new CarbonProtocolException("Tag may not be empty");
    }
    if (value.isEmpty()) {
      throw new CarbonProtocolException("Value for tag \"" + tag + "\" may not be empty");
    }
    for (char c : new char[] {';', '!', '^', '='}) {
      if (tag.indexOf(c) >= 0) {
        throw new CarbonProtocolException("Character \"" + c + "\" is not allowed in tag \"" + tag + "\"");
      }
    }
    if (value.indexOf(';') >= 0) {
      throw new CarbonProtocolException("Character \";\" is not allowed in value \"" + value + "\" of tag " + tag);
    }
    if (value.charAt(0) == '~') {
      throw new CarbonProtocolException("Tag values are not allowed to start with \"~\" in tag \"" + tag + "\"");
    }
  }
}
