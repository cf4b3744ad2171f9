package io.plumbago.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads JSON as strictly as the clients that must accept it: browsers' {@code JSON.parse} and Go's
 * {@code encoding/json} refuse {@code NaN}, {@code Infinity}, single quotes, trailing commas and leading zeros, which
 * {@link LenientJson} lets through. Numbers keep their literal so a caller can tell {@code 1} (which Go decodes into an
 * {@code int} field) from {@code 1.0} or {@code 1e0} (which it does not). Objects become insertion-ordered maps, arrays
 * lists, strings strings, booleans booleans, {@code null} {@link #NULL}.
 */
final class StrictJson {
  /** JSON's null. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** A number as written. */
  record Num(String literal) {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    /** Whether Go decodes it into an {@code int}: an integer literal, no fraction or exponent. */
    boolean isIntegerLiteral() {
      return INTEGER.matcher(literal).matches();
    }

    /** The value as JavaScript reads it (overflow gives an infinity, as {@code JSON.parse} does). */
    double value() {
      return Double.parseDouble(literal);
    }
  }

  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private final String text;
  private int pos;

  private StrictJson(String text) {
    this.text = text;
  }

  /** The value {@code text} holds; {@link IllegalArgumentException} with the offset when it is not strict JSON. */
  static Object parse(String text) {
    StrictJson reader = new StrictJson(text);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing text");
    }
    return value;
  }

  private Object value() {
    skipSpace();
    char c = peek();
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      default:
        break;
    }
    for (String word : new String[] {"null", "true", "false"}) {
      if (text.startsWith(word, pos)) {
        pos += word.length();
        return word.equals("null") ? NULL : Boolean.valueOf(word);
      }
    }
    var m = NUMBER.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      throw error("not a JSON value");
    }
    pos = m.end();
    return new Num(m.group());
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = pos < text.length() ? text.charAt(pos++) : '\0';
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
            throw error("bad \\u escape");
          }
          out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        }
        default -> throw error("bad escape");
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    int from = Math.max(0, pos - 40);
    return new IllegalArgumentException(what + " at offset " + pos + ": …"
        + text.substring(from, Math.min(text.length(), pos + 40)) + "…");
  }
}
