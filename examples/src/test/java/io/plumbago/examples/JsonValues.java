package io.plumbago.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as plain Java values for the tests' comparisons, read by Jackson's streaming parser: objects as
 * insertion-ordered maps, arrays as lists, strings, booleans, numbers as the caller maps them, null as the caller's
 * marker. Strict JSON unless Python's {@code NaN}/{@code Infinity} are allowed. Malformed text (trailing text too)
 * is an {@link IllegalArgumentException}.
 */
final class JsonValues {
  private static final JsonFactory STRICT = new JsonFactory();
  private static final JsonFactory PYTHON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /** Maps the parser's current number token to a value. */
  @FunctionalInterface
  interface Numbers {
    Object read(JsonParser parser) throws IOException;
  }

  private JsonValues() {}

  static Object read(String text, boolean pythonNonFinite, Numbers numbers, Object nullValue) {
    try (JsonParser p = (pythonNonFinite ? PYTHON : STRICT).createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("no JSON value in: " + text);
      }
      Object value = value(p, numbers, nullValue);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing text at " + p.currentLocation().getCharOffset());
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Object value(JsonParser p, Numbers numbers, Object nullValue) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, value(p, numbers, nullValue));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p, numbers, nullValue));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return numbers.read(p);
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return nullValue;
      }
      default -> throw new IllegalArgumentException("unexpected " + p.currentToken());
    }
  }
}
