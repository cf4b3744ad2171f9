package io.plumbago.render.remote;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.plumbago.render.RenderException;
import io.plumbago.render.eval.Series;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a peer's {@code /render?format=json} answer back into series (and its {@code /metrics/find?format=json}
 * answer into nodes): name and tags as sent, start and step from the
 * timestamps (a series with a single point takes {@code defaultStepSeconds}), end one step past the last point, as
 * graphite-web's whisper series end. Anything malformed is a {@link RenderException} (502).
 */
final class RenderJsonReader {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private RenderJsonReader() {}

  static List<Series> read(byte[] body, String pathExpression, double xFilesFactor, long defaultStepSeconds) {
    List<Series> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String name = null;
        Map<String, String> tags = null;
        long first = 0;
        long second = 0;
        double[] values = new double[64];
        int count = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          switch (field) {
            case "target" -> name = p.getText();
            case "tags" -> {
              expect(t, JsonToken.START_OBJECT);
              tags = new LinkedHashMap<>();
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                tags.put(key, p.getText());
              }
            }
            case "datapoints" -> {
              expect(t, JsonToken.START_ARRAY);
              while (p.nextToken() == JsonToken.START_ARRAY) {
                JsonToken v = p.nextToken();
                if (count == values.length) {
                  values = java.util.Arrays.copyOf(values, count * 2);
                }
                values[count] = v == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue();
                p.nextToken();
                if (count == 0) {
                  first = p.getLongValue();
                } else if (count == 1) {
                  second = p.getLongValue();
                }
                count++;
                expect(p.nextToken(), JsonToken.END_ARRAY);
              }
            }
            default -> p.skipChildren();
          }
        }
        if (name == null || count == 0) {
          continue;
        }
        long start = first;
        long step = count > 1 ? second - start : defaultStepSeconds;
        if (step <= 0) {
          throw new RenderException(502, "a cluster peer sent timestamps out of order for " + name);
        }
        double[] v = java.util.Arrays.copyOf(values, count);
        out.add(Series.builder(name, start, start + step * v.length, step, v).tags(tags)
            .pathExpression(pathExpression).xFilesFactor(xFilesFactor).build());
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof RenderException r) {
        throw r;
      }
      throw new RenderException(502, "a cluster peer sent an unreadable answer: " + e.getMessage());
    }
    return out;
  }

  /** A peer's {@code /metrics/find?format=json} answer: {@code [{"path": ..., "is_leaf": ...}, ...]}. */
  static List<io.plumbago.whisper.MetricNode> readNodes(byte[] body) {
    List<io.plumbago.whisper.MetricNode> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      expect(p.nextToken(), JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String path = null;
        boolean leaf = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken t = p.nextToken();
          if (field.equals("path") && t == JsonToken.VALUE_STRING) {
            path = p.getText();
          } else if (field.equals("is_leaf")) {
            leaf = t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_NUMBER_INT && p.getIntValue() != 0
                || t == JsonToken.VALUE_STRING && p.getText().equals("1");
          } else {
            p.skipChildren();
          }
        }
        if (path != null && !path.isEmpty()) {
          out.add(new io.plumbago.whisper.MetricNode(path, leaf));
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof RenderException r) {
        throw r;
      }
      throw new RenderException(502, "a cluster peer sent an unreadable answer: " + e.getMessage());
    }
    return out;
  }

  private static void expect(JsonToken got, JsonToken wanted) {
    if (got != wanted) {
      throw new RenderException(502, "a cluster peer sent " + got + " where " + wanted + " belongs");
    }
  }
}
