package io.plumbago.examples;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads JSON as Python's {@code json.dumps} writes it, which is not quite JSON: {@code NaN}, {@code Infinity} and
 * {@code -Infinity} are literals (graphite-web rewrites only those followed by a comma). Objects become insertion-ordered
 * maps, arrays lists, numbers doubles, {@code null} {@link #NULL}.
 */
final class LenientJson {
  /** JSON's null. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private LenientJson() {}

  /** The value {@code text} holds; {@link IllegalArgumentException} when it is not one. */
  static Object parse(String text) {
    return JsonValues.read(text, true, JsonParser::getDoubleValue, NULL);
  }
}
