package io.plumbago.whisper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the INI files carbon uses: sections in file order, option names lower-cased, {@code #}/{@code ;} comments. */
final class IniFile {
  private IniFile() {}

  static Map<String, Map<String, String>> read(Path file) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    int lineNumber = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = indexOfSeparator(line);
      if (current == null || eq < 0) {
        throw new WhisperFormatException(file + ":" + lineNumber + ": expected [section] or name = value, got '"
            + line + "'");
      }
      current.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
    }
    return sections;
  }

  private static int indexOfSeparator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) {
      return colon;
    }
    return colon < 0 ? eq : Math.min(eq, colon);
  }
}
