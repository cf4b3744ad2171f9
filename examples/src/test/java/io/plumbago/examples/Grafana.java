package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's Graphite data source as {@link GrafanaReplayTest} replays it: how it encodes what it sends (the browser
 * code in {@code public/app/plugins/datasource/graphite/datasource.ts} and the Go backend in
 * {@code pkg/tsdb/graphite}) and how it reads the answers, asserting (JUnit) wherever Grafana would throw, show an
 * error or drop a value.
 */
final class Grafana {
  static final Set<String> GRAPHITE_PARAM_TYPES = Set.of("aggFunc", "aggOrSeriesFunc", "any", "boolean",
      "date", "float", "integer", "interval", "intOrInterval", "intOrInf", "node", "nodeOrTag", "series",
      "seriesList", "seriesLists", "string", "tag");
  static final Set<String> GRAPHITE_GROUPS = Set.of("Alias", "Calculate", "Combine", "Filter Data",
      "Filter Series", "Graph", "Sorting", "Special", "Transform");

  private Grafana() {}

  /** An answer: status and body (decompressed). */
  record Reply(int status, String body) {}

  // ---- what Grafana sends ----

  /**
   * datasource.ts buildGraphiteParams for query(): aliasSub-wrapped targets, then from, until, format,
   * maxDataPoints.
   */
  static String panelBody(Map<String, String> targets, long fromMillis, long toMillis, int maxDataPoints) {
    StringBuilder body = new StringBuilder();
    Pattern minutes = Pattern.compile("'(\\d+)m'", Pattern.CASE_INSENSITIVE);
    for (Map.Entry<String, String> t : targets.entrySet()) {
      String wrapped = "aliasSub(" + t.getValue() + ", \"(^.*$)\", \"\\1 " + t.getKey() + "\")";
      wrapped = minutes.matcher(wrapped).replaceAll(m -> Matcher.quoteReplacement(
          m.group().replaceFirst("m", "min").replaceFirst("M", "mon")));
      body.append("target=").append(encodeURIComponent(wrapped)).append('&');
    }
    return body.append("from=").append(browserFrom(fromMillis)).append("&until=").append(browserUntil(toMillis))
        .append("&format=json&maxDataPoints=").append(maxDataPoints).toString();
  }

  /** translateTime(date, false): graphite's from is exclusive, so a time with seconds steps back one second. */
  static long browserFrom(long millis) {
    return Math.floorDiv(Math.floorMod(millis / 1000, 60) != 0 ? millis - 1000 : millis, 1000);
  }

  /** translateTime(date, true): a time with seconds steps forward one second. */
  static long browserUntil(long millis) {
    return Math.floorDiv(Math.floorMod(millis / 1000, 60) != 0 ? millis + 1000 : millis, 1000);
  }

  /** JavaScript's encodeURIComponent. */
  static String encodeURIComponent(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
        .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
  }

  /** Grafana's params serializer (AngularJS's): encodeURIComponent keeping @ : $ , ; as they are. */
  static String angularEncode(String s) {
    return encodeURIComponent(s).replace("%40", "@").replace("%3A", ":").replace("%24", "$").replace("%2C", ",")
        .replace("%3B", ";");
  }

  /** Go's url.Values.Encode(): keys sorted, url.QueryEscape (spaces as +, all but A-Za-z0-9-_.~ escaped). */
  static String goForm(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(goEscape(e.getKey())).append('=').append(goEscape(e.getValue()));
    }
    return out.toString();
  }

  static String goEscape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }

  // ---- how Grafana reads the answers ----

  /** A series as convertResponseToDataFrames + toDataFrame hold it: name, times in ms, values. */
  record Frame(String name, List<Long> times, List<Double> values) {}

  /**
   * convertResponseToDataFrames(): series at the root (or under "series"); target split on spaces, the last word the
   * sanitised refId, which must map back to a query; datapoints [value|null, seconds] with seconds * 1000.
   */
  static Map<String, List<Frame>> browserFrames(Reply reply, Set<String> refIds) {
    assertEquals(200, reply.status, reply.body);
    Object data = parse(reply.body, "/render");
    if (data instanceof Map<?, ?> m && m.containsKey("series")) {
      data = m.get("series");
    }
    Map<String, List<Frame>> byRefId = new LinkedHashMap<>();
    refIds.forEach(r -> byRefId.put(r, new ArrayList<>()));
    for (Object o : list(data, "Missing series in result")) {
      Map<String, Object> s = object(o, "series");
      String target = assertInstanceOf(String.class, s.get("target"), "s.target.split needs a string: " + s);
      List<String> words = new ArrayList<>(List.of(target.split(" ", -1)));
      assertTrue(words.size() > 1, "no refId left on the series name, frame.refId would be undefined: " + target);
      String refId = words.remove(words.size() - 1);
      assertTrue(byRefId.containsKey(refId), "refId '" + refId + "' from '" + target + "' was not asked for");
      if (s.containsKey("tags")) {
        Map<String, Object> tags = object(s.get("tags"), "tags");
        tags.forEach((k, v) -> assertTrue(v instanceof String || v instanceof StrictJson.Num,
            "tag " + k + " is neither string nor number: " + v));
      }
      Frame frame = new Frame(String.join(" ", words), new ArrayList<>(), new ArrayList<>());
      readPoints(s.get("datapoints"), frame, target);
      byRefId.get(refId).add(frame);
    }
    return byRefId;
  }

  /** Points as both parsers need them: [number|null, number], times ascending. */
  static void readPoints(Object datapoints, Frame frame, String target) {
    for (Object p : list(datapoints, "datapoints of " + target)) {
      List<Object> point = list(p, "a datapoint of " + target);
      assertEquals(2, point.size(), "a datapoint of " + target + " is " + point);
      Object value = point.get(0);
      assertTrue(value == StrictJson.NULL || value instanceof StrictJson.Num, target + " value " + value);
      StrictJson.Num time = assertInstanceOf(StrictJson.Num.class, point.get(1), target + " timestamp");
      assertTrue(time.isIntegerLiteral(), target + " timestamp is not whole seconds: " + time.literal());
      long millis = (long) (time.value() * 1000);
      if (!frame.times.isEmpty()) {
        assertTrue(millis > frame.times.get(frame.times.size() - 1), target + " timestamps do not ascend");
      }
      frame.times.add(millis);
      frame.values.add(value == StrictJson.NULL ? null : ((StrictJson.Num) value).value());
    }
  }

  /**
   * parseResponse + toDataFrames in query.go: []TargetResponseDTO{Target string, DataPoints [][2]null.Float,
   * Tags map[string]any}.
   */
  static List<String> goSeries(Reply reply, int maxDataPoints) {
    assertEquals(200, reply.status, reply.body);
    List<String> names = new ArrayList<>();
    for (Object o : list(parse(reply.body, "/render"), "[]TargetResponseDTO")) {
      Map<String, Object> s = object(o, "TargetResponseDTO");
      String target = assertInstanceOf(String.class, s.get("target"), "Target string: " + s);
      Object tags = s.get("tags");
      if (tags != null && tags != StrictJson.NULL) {
        object(tags, "Tags map[string]any");
      }
      Frame frame = new Frame(target, new ArrayList<>(), new ArrayList<>());
      readPoints(s.get("datapoints"), frame, target);
      assertTrue(frame.times.size() <= maxDataPoints, target + ": " + frame.times.size() + " points");
      names.add(target);
    }
    return names;
  }

  /**
   * /metrics/find as requestMetricFind (text, expandable truthiness) and the Go resource handler (text and id strings,
   * allowChildren, expandable and leaf Go ints) read it.
   */
  static List<Map<String, Object>> findNodes(Reply reply, String query) {
    assertEquals(200, reply.status, query + ": " + reply.body);
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Object o : list(parse(reply.body, "/metrics/find " + query), "metrics")) {
      Map<String, Object> node = object(o, "metric");
      assertInstanceOf(String.class, node.get("text"), query + ": text " + node);
      assertInstanceOf(String.class, node.get("id"), query + ": id " + node);
      for (String field : List.of("allowChildren", "expandable", "leaf")) {
        StrictJson.Num n = assertInstanceOf(StrictJson.Num.class, node.get(field), query + ": " + field + " " + node);
        assertTrue(n.isIntegerLiteral() && (n.value() == 0 || n.value() == 1),
            query + ": " + field + " must be a Go int 0 or 1: " + n.literal());
      }
      assertEquals(((StrictJson.Num) node.get("leaf")).value(), 1 - ((StrictJson.Num) node.get("expandable")).value(),
          query + ": leaf and expandable disagree " + node);
      nodes.add(node);
    }
    return nodes;
  }

  /** requestMetricExpand: results.data.results, each a metric name. */
  static List<String> expandResults(Reply reply) {
    assertEquals(200, reply.status, reply.body);
    Map<String, Object> body = object(parse(reply.body, "/metrics/expand"), "/metrics/expand");
    List<String> results = new ArrayList<>();
    for (Object r : list(body.get("results"), "results")) {
      results.add(assertInstanceOf(String.class, r, "results []string"));
    }
    return results;
  }

  /**
   * annotationEvents(): an array of {when (number), what (title), tags (array, or a string parseTags splits), data
   * (text)}; through the backend when is a Go int64 and tags a []string.
   */
  static List<Map<String, Object>> events(Reply reply, boolean goDecoding) {
    assertEquals(200, reply.status, reply.body);
    List<Map<String, Object>> events = new ArrayList<>();
    for (Object o : list(parse(reply.body, "/events/get_data"), "Unable to get annotations")) {
      Map<String, Object> e = object(o, "event");
      StrictJson.Num when = assertInstanceOf(StrictJson.Num.class, e.get("when"), "when: " + e);
      assertTrue(!goDecoding || when.isIntegerLiteral(), "when must be a Go int64: " + when.literal());
      assertInstanceOf(String.class, e.get("what"), "what: " + e);
      assertInstanceOf(String.class, e.get("data"), "data: " + e);
      Object tags = e.get("tags");
      if (goDecoding || !(tags instanceof String)) {
        for (Object t : list(tags, "tags of " + e)) {
          assertInstanceOf(String.class, t, "tags []string: " + e);
        }
      }
      events.add(e);
    }
    return events;
  }

  /** A function as gfunc.parseFuncDefs leaves it for the editor. */
  record FuncDef(String name, String category, List<ParamDef> params, List<String> defaultParams,
      boolean fake) {}

  /** A parameter as the editor reads it; options null when there are none. */
  record ParamDef(String name, String type, boolean optional, boolean multiple, List<String> options) {}

  /**
   * gfunc.parseFuncDefs, checking on the way what it relies on: description a string (it calls replace on it), group
   * a string (the menu category), params an array of {name, type, required, multiple, default, options}; first
   * seriesList(s) param dropped unless multiple. Graph functions are skipped, as Grafana does.
   */
  static Map<String, FuncDef> parseFuncDefs(Map<String, Object> raw) {
    Map<String, FuncDef> defs = new HashMap<>();
    for (Map.Entry<String, Object> entry : raw.entrySet()) {
      String key = entry.getKey();
      Map<String, Object> def = object(entry.getValue(), key);
      assertEquals(key, def.get("name"), key + ": name");
      String group = assertInstanceOf(String.class, def.get("group"), key + ": group");
      if (group.equals("Graph")) {
        continue;
      }
      Object description = def.get("description");
      assertTrue(description == null || description == StrictJson.NULL || description instanceof String,
          key + ": description.replace needs a string");
      List<Object> rawParams = new ArrayList<>(list(def.get("params"), key + ": params"));
      List<Map<String, Object>> params = new ArrayList<>();
      for (Object p : rawParams) {
        Map<String, Object> param = object(p, key + ": param");
        assertInstanceOf(String.class, param.get("name"), key + ": param name " + param);
        String type = assertInstanceOf(String.class, param.get("type"), key + ": param type " + param);
        assertTrue(GRAPHITE_PARAM_TYPES.contains(type), key + ": unknown param type " + type);
        for (String flag : List.of("required", "multiple")) {
          assertTrue(!param.containsKey(flag) || param.get(flag) instanceof Boolean, key + ": " + flag + " " + param);
        }
        for (String choices : List.of("options", "suggestions")) {
          if (param.containsKey(choices)) {
            for (Object option : list(param.get(choices), key + ": " + choices)) {
              assertTrue(option instanceof String || option instanceof StrictJson.Num || option instanceof Boolean
                  || option == StrictJson.NULL,
                  key + ": " + choices + " must be scalars for _.toString: " + option);
            }
          }
        }
        Object dflt = param.get("default");
        assertTrue(dflt == null || dflt == StrictJson.NULL || dflt instanceof String || dflt instanceof Boolean
            || dflt instanceof StrictJson.Num, key + ": default must be a scalar: " + dflt);
        params.add(new LinkedHashMap<>(param));
      }
      boolean fake = false;
      if (!params.isEmpty() && String.valueOf(params.get(0).get("type")).matches("seriesLists?")) {
        if (Boolean.TRUE.equals(params.get(0).get("multiple"))) {
          params.get(0).put("required", false);
        } else {
          params.remove(0);
        }
      } else {
        fake = true;
      }
      List<ParamDef> out = new ArrayList<>();
      List<String> defaults = new ArrayList<>();
      for (Map<String, Object> p : params) {
        Object dflt = p.get("default");
        if (dflt != null) {
          defaults.add(jsToString(dflt));
        } else if (p.get("suggestions") != null) {
          defaults.add(jsToString(((List<?>) p.get("suggestions")).get(0)));
        } else {
          defaults.add("");
        }
        String rawType = (String) p.get("type");
        String type = switch (rawType) {
          case "boolean" -> "boolean";
          case "integer" -> "int";
          case "float" -> "float";
          case "node" -> "node";
          case "nodeOrTag" -> "node_or_tag";
          case "intOrInterval" -> "int_or_interval";
          case "seriesList" -> "value_or_series";
          default -> "string";
        };
        List<String> options = switch (rawType) {
          case "boolean" -> List.of("true", "false");
          case "node" -> List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
          case "nodeOrTag" -> List.of("name", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
          default -> null;
        };
        Object choices = p.get("options") != null ? p.get("options") : p.get("suggestions");
        if (choices != null) {
          options = ((List<?>) choices).stream().map(Grafana::jsToString).toList();
        }
        out.add(new ParamDef((String) p.get("name"), type, !Boolean.TRUE.equals(p.get("required")),
            Boolean.TRUE.equals(p.get("multiple")), options));
      }
      defs.put(key, new FuncDef(key, group, out, defaults, fake));
    }
    return defs;
  }

  /** lodash's _.toString for a JSON scalar. */
  static String jsToString(Object v) {
    if (v == StrictJson.NULL) {
      return "";
    }
    if (v instanceof StrictJson.Num n) {
      double d = n.value();
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21 ? Long.toString((long) d)
          : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Double.toString(d);
    }
    return String.valueOf(v);
  }

  static Object parse(String body, String what) {
    try {
      return StrictJson.parse(body);
    } catch (IllegalArgumentException e) {
      return fail(what + " is not JSON that JSON.parse / encoding/json accept: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o, String what) {
    return (Map<String, Object>) assertInstanceOf(Map.class, o, what + " must be an object: " + o);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o, String what) {
    return (List<Object>) assertInstanceOf(List.class, o, what + ": expected an array, got " + o);
  }
}
