package io.plumbago.render.http;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The few pieces of Python's standard library graphite-web's {@code /metrics} views lean on, so that Plumbago reads
 * parameters and words errors as they do: Django's query-string parsing ({@code parse_qsl}), {@code unquote_plus},
 * {@code int()}, and Python's code-point string order.
 */
final class PythonText {
  private PythonText() {}

  /**
   * Adds the fields of an {@code application/x-www-form-urlencoded} string to {@code into} as Django's
   * {@code QueryDict} reads them: {@code &}-separated, blank values kept, {@code +} and bad escapes lenient.
   */
  static void parseForm(String raw, Map<String, List<String>> into) {
    for (String field : raw.split("&", -1)) {
      if (field.isEmpty()) {
        continue;
      }
      int eq = field.indexOf('=');
      String name = unquotePlus(eq < 0 ? field : field.substring(0, eq));
      String value = eq < 0 ? "" : unquotePlus(field.substring(eq + 1));
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  /** Python's {@code urllib.parse.unquote_plus}: {@code +} is a space, {@code %XX} a UTF-8 byte, bad bytes U+FFFD. */
  static String unquotePlus(String s) {
    return unquote(s, true);
  }

  /** Python's {@code urllib.parse.unquote}, as a WSGI server decodes a request's path. */
  static String unquote(String s) {
    return unquote(s, false);
  }

  private static String unquote(String s, boolean plus) {
    if (s.indexOf('%') < 0 && (!plus || s.indexOf('+') < 0)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
        continue;
      }
      flush(bytes, out);
      out.append(plus && c == '+' ? ' ' : c);
      i++;
    }
    flush(bytes, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() == 0) {
      return;
    }
    try {
      out.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes.toByteArray())));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not throw", e);
    }
    bytes.reset();
  }

  private static int hex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128 ? Character.digit(c, 16) : -1;
  }

  /**
   * Python's {@code int(s)} for a decimal string: surrounding white space, a sign, digits (any script's) with single
   * underscores between them; null when Python would raise {@code ValueError}.
   */
  static BigInteger parseInt(String s) {
    String t = s.strip();
    int i = 0;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    StringBuilder digits = new StringBuilder();
    boolean lastUnderscore = true; // no leading underscore
    for (; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '_' && !lastUnderscore) {
        lastUnderscore = true;
      } else if (Character.isDigit(c)) {
        digits.append(Character.digit(c, 10));
        lastUnderscore = false;
      } else {
        return null;
      }
    }
    if (digits.length() == 0 || lastUnderscore) {
      return null;
    }
    BigInteger value = new BigInteger(digits.toString());
    return negative ? value.negate() : value;
  }

  /** Python's string order: by code point (Java's {@code compareTo} orders by UTF-16 unit). */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Django's {@code htmlEscape} of an error message: {@code &}, {@code <} and {@code >} as entities. */
  static String htmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
