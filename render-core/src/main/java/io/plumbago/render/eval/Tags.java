package io.plumbago.render.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** graphite-web's tag parsing of a series name ({@code a.b;k=v;k2=v2}), used when a series has no explicit tags. */
final class Tags {
  private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-z]+[(].+[)]$", Pattern.CASE_INSENSITIVE
      | Pattern.DOTALL);

  private Tags() {}

  /** {@code {name: ...}} plus any {@code ;key=value} tags; a function-looking or malformed name keeps only its name. */
  static Map<String, String> parse(String name) {
    if (name.indexOf(';') < 0 || FUNCTION_NAME.matcher(name).matches()) {
      return Map.of("name", name);
    }
    String[] parts = name.split(";");
    Map<String, String> tags = new TreeMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0 || eq == parts[i].length() - 1) {
        return Map.of("name", name);
      }
      tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    Map<String, String> out = new LinkedHashMap<>(tags);
    out.put("name", parts[0]);
    return Collections.unmodifiableMap(out);
  }
}
