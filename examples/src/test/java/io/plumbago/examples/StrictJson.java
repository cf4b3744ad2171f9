package io.plumbago.examples;

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
  private StrictJson() {}

  /** The value {@code text} holds; {@link IllegalArgumentException} when it is not strict JSON. */
  static Object parse(String text) {
    return JsonValues.read(text, false, p -> new Num(p.getText()), NULL);
  }
}
