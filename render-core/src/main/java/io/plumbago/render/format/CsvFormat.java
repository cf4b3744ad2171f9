package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * graphite-web's {@code format=csv}: one {@code name,YYYY-MM-DD HH:MM:SS,value} row per point in the request's time
 * zone, None as an empty field, rows ended by CRLF, fields quoted as Python's csv module quotes them.
 */
public final class CsvFormat {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private CsvFormat() {}

  /** The CSV body. */
  public static String write(List<Series> series, ZoneId zone) {
    StringBuilder out = new StringBuilder(4096);
    DateTimeFormatter time = TIME.withZone(zone);
    for (Series s : series) {
      String name = field(s.name());
      double[] values = s.iterated();
      long stride = s.step();
      for (int i = 0; i < values.length; i++) {
        out.append(name).append(',').append(time.format(Instant.ofEpochSecond(s.start() + i * stride))).append(',');
        double v = values[i];
        if (!Double.isNaN(v)) {
          out.append(RawFormat.repr(v, s.integral()));
        }
        out.append("\r\n");
      }
    }
    return out.toString();
  }

  private static String field(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return '"' + s.replace("\"", "\"\"") + '"';
      }
    }
    return s;
  }
}
