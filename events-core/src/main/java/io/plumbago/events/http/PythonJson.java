package io.plumbago.events.http;

import io.plumbago.events.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * JSON as graphite-web's views write it with Python's {@code json.dumps}: {@code ", "} and {@code ": "} separators,
 * everything outside printable ASCII escaped, keys in graphite-web's order.
 */
final class PythonJson {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private PythonJson() {}

  /** get_data's list: {@code when} as whole epoch seconds ({@code calendar.timegm} drops the fraction). */
  static String eventList(Collection<Event> events) {
    StringBuilder out = new StringBuilder(64 + events.size() * 96);
    list(out, events, (o, e) -> {
      o.append("{\"when\": ").append(wholeSeconds(e)).append(", \"what\": ");
      string(o, e.what());
      o.append(", \"data\": ");
      string(o, e.data());
      o.append(", \"tags\": ");
      strings(o, e.tags());
      o.append(", \"id\": ").append(e.id()).append('}');
    });
    return out.toString();
  }

  /**
   * The detail view's {@code model_to_dict}: {@code when} as Django's JSON encoder writes a UTC datetime, ISO-8601
   * with milliseconds only when there is a fraction and {@code Z} for UTC.
   */
  static String eventDetail(Event e) {
    StringBuilder out = new StringBuilder(128);
    out.append("{\"id\": ").append(e.id()).append(", \"when\": ");
    string(out, isoWhen(e.whenSeconds()));
    out.append(", \"what\": ");
    string(out, e.what());
    out.append(", \"data\": ");
    string(out, e.data());
    out.append(", \"tags\": ");
    strings(out, e.tags());
    return out.append('}').toString();
  }

  /** {@code {"error": message}}. */
  static String error(String message) {
    StringBuilder out = new StringBuilder("{\"error\": ");
    string(out, message);
    return out.append('}').toString();
  }

  static long wholeSeconds(Event e) {
    return (long) Math.floor(e.whenSeconds());
  }

  static String isoWhen(double whenSeconds) {
    long seconds = (long) Math.floor(whenSeconds);
    long micros = Math.round((whenSeconds - seconds) * 1e6);
    if (micros >= 1_000_000) {
      seconds++;
      micros = 0;
    }
    String base = SECONDS.format(Instant.ofEpochSecond(seconds));
    return micros == 0 ? base + "Z" : base + String.format(".%03dZ", micros / 1000);
  }

  static void strings(StringBuilder out, Collection<String> values) {
    list(out, values, PythonJson::string);
  }

  /** A JSON list of {@code items}, each written by {@code item}. */
  static <T> void list(StringBuilder out, Iterable<T> items, java.util.function.BiConsumer<StringBuilder, T> item) {
    out.append('[');
    boolean first = true;
    for (T t : items) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      item.accept(out, t);
    }
    out.append(']');
  }

  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\b') {
        out.append("\\b");
      } else if (c == '\f') {
        out.append("\\f");
      } else {
        out.append("\\u").append(Character.forDigit(c >> 12 & 0xf, 16)).append(Character.forDigit(c >> 8 & 0xf, 16))
            .append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
      }
    }
    out.append('"');
  }
}
