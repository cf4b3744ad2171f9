package io.plumbago.statsd.aggregate;

import io.plumbago.statsd.StatsdEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses DogStatsD's event ({@code _e}) and service check ({@code _sc}) lines. Lengths in an event's header count
 * UTF-8 bytes, as the Datadog agent reads them. A line that does not follow the format gives null. Stateless.
 */
public final class DogStatsdLines {
  private DogStatsdLines() {}

  /** Whether {@code line} is an event line. */
  public static boolean isEvent(String line) {
    return line.startsWith("_e{");
  }

  /** Whether {@code line} is a service check line. */
  public static boolean isServiceCheck(String line) {
    return line.startsWith("_sc|");
  }

  /** The event on {@code line}, or null when the line is malformed. */
  public static StatsdEvent event(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int close = line.indexOf("}:");
    int comma = line.indexOf(',');
    if (close < 0 || comma < 0 || comma > close) {
      return null;
    }
    int titleLength;
    int textLength;
    try {
      titleLength = Integer.parseInt(line.substring(3, comma));
      textLength = Integer.parseInt(line.substring(comma + 1, close));
    } catch (NumberFormatException e) {
      return null;
    }
    int titleStart = line.substring(0, close + 2).getBytes(StandardCharsets.UTF_8).length;
    if (titleLength <= 0 || textLength < 0 || (long) titleStart + titleLength + 1 + textLength > bytes.length) {
      return null;
    }
    int textStart = titleStart + titleLength + 1;
    int end = textStart + textLength;
    if (bytes[textStart - 1] != '|' || (end < bytes.length && bytes[end] != '|')) {
      return null;
    }
    String title = new String(bytes, titleStart, titleLength, StandardCharsets.UTF_8);
    String text = new String(bytes, textStart, textLength, StandardCharsets.UTF_8).replace("\\n", "\n");
    long timestamp = -1;
    String host = null;
    String key = null;
    String priority = null;
    String source = null;
    String alert = null;
    List<String> tags = List.of();
    if (end < bytes.length) {
      for (String field : new String(bytes, end + 1, bytes.length - end - 1, StandardCharsets.UTF_8).split("\\|")) {
        if (field.startsWith("d:")) {
          try {
            timestamp = Long.parseLong(field.substring(2));
          } catch (NumberFormatException e) {
            return null;
          }
        } else if (field.startsWith("h:")) {
          host = field.substring(2);
        } else if (field.startsWith("k:")) {
          key = field.substring(2);
        } else if (field.startsWith("p:")) {
          priority = field.substring(2);
        } else if (field.startsWith("s:")) {
          source = field.substring(2);
        } else if (field.startsWith("t:")) {
          alert = field.substring(2);
        } else if (field.startsWith("#")) {
          tags = split(field.substring(1));
        } else {
          return null;
        }
      }
    }
    return new StatsdEvent(title, text, timestamp, host, key, priority, source, alert, tags);
  }

  /** Whether {@code line} is a well-formed service check: a name and a status from 0 to 3. */
  public static boolean validServiceCheck(String line) {
    String[] fields = line.split("\\|", -1);
    if (fields.length < 3 || fields[1].isEmpty()) {
      return false;
    }
    if (!fields[2].equals("0") && !fields[2].equals("1") && !fields[2].equals("2") && !fields[2].equals("3")) {
      return false;
    }
    for (int i = 3; i < fields.length; i++) {
      String f = fields[i];
      if (!(f.startsWith("d:") || f.startsWith("h:") || f.startsWith("#") || f.startsWith("m:"))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> split(String tags) {
    return tags.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(tags.split(",")));
  }
}
