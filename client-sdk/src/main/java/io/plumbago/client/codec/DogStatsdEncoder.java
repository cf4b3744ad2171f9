package io.plumbago.client.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text of DogStatsD events and service checks. These are rare, so they are built as strings; what matters is that
 * nothing a caller passes can break the line: new lines are escaped as {@code \n}, and the fields that are not
 * length-delimited lose every {@code |} and line break. Stateless.
 */
public final class DogStatsdEncoder {
  private DogStatsdEncoder() {}

  /**
   * {@code _e{<title bytes>,<text bytes>}:title|text[|d:ts][|h:host][|k:key][|p:priority][|s:source][|t:alert]
   * [|#tags]} with the tags given as already-joined text ({@code a:b,c}), or empty.
   */
  public static String event(String title, String text, long timestampSeconds, String hostname, String key,
      String priority, String sourceType, String alertType, String tags) {
    String t = escape(title);
    String body = escape(text == null ? "" : text);
    StringBuilder line = new StringBuilder(64 + t.length() + body.length());
    line.append("_e{").append(t.getBytes(StandardCharsets.UTF_8).length).append(',')
        .append(body.getBytes(StandardCharsets.UTF_8).length).append("}:").append(t).append('|').append(body);
    if (timestampSeconds > 0) {
      line.append("|d:").append(timestampSeconds);
    }
    field(line, "|h:", hostname);
    field(line, "|k:", key);
    field(line, "|p:", priority);
    field(line, "|s:", sourceType);
    field(line, "|t:", alertType);
    if (!tags.isEmpty()) {
      line.append("|#").append(tags);
    }
    return line.toString();
  }

  /** {@code _sc|name|status[|d:ts][|h:host][|#tags][|m:message]}; a {@code m:} inside the message is escaped. */
  public static String serviceCheck(String name, int status, long timestampSeconds, String hostname, String tags,
      String message) {
    StringBuilder line = new StringBuilder("_sc|").append(plain(name)).append('|').append(status);
    if (timestampSeconds > 0) {
      line.append("|d:").append(timestampSeconds);
    }
    field(line, "|h:", hostname);
    if (!tags.isEmpty()) {
      line.append("|#").append(tags);
    }
    if (message != null && !message.isEmpty()) {
      line.append("|m:").append(escape(message).replace("m:", "m\\:"));
    }
    return line.toString();
  }

  /** {@code tags} sanitised and joined with commas, null and empty ones left out. */
  public static String joinTags(List<String> tags) {
    StringBuilder joined = new StringBuilder();
    byte[] scratch = new byte[64];
    for (String tag : tags) {
      if (tag != null && !tag.isEmpty()) {
        if (scratch.length < 3 * tag.length()) {
          scratch = new byte[3 * tag.length()];
        }
        int n = LineEncoder.writeTag(scratch, 0, tag);
        joined.append(joined.length() == 0 ? "" : ",").append(new String(scratch, 0, n, StandardCharsets.UTF_8));
      }
    }
    return joined.toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    if (value != null && !value.isEmpty()) {
      line.append(name).append(plain(value));
    }
  }

  /** New lines as {@code \n}, carriage returns dropped. */
  private static String escape(String s) {
    return s.replace("\r", "").replace("\n", "\\n");
  }

  /** A field with no length prefix: no {@code |}, no line breaks. */
  private static String plain(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c == '|' || c == '\n' || c == '\r' ? '_' : c);
    }
    return out.toString();
  }
}
