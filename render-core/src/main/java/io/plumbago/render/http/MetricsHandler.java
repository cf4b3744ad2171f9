package io.plumbago.render.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.plumbago.render.RenderException;
import io.plumbago.render.format.Pickler;
import io.plumbago.render.functions.Values;
import io.plumbago.render.find.WhisperFinder;
import io.plumbago.whisper.MetricNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * graphite-web 1.1's metrics API: {@code /metrics/find} (and {@code /metrics}) in the {@code treejson},
 * {@code completer}, {@code json}, {@code nodelist} and {@code pickle} formats (not {@code msgpack}),
 * {@code /metrics/expand} and {@code /metrics/index.json}, answered as graphite-web answers them (same fields, order
 * and duplicates, parameters read from the query string and a posted form, the last of a repeated parameter winning,
 * errors worded alike). Any other request is passed on untouched. Stateless and {@link ChannelHandler.Sharable}.
 */
@ChannelHandler.Sharable
public final class MetricsHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);
  private static final Comparator<String> PYTHON_ORDER = PythonText::compare;
  private final WhisperFinder finder;
  private final Function<String, List<MetricNode>> peers;
  private final LongSupplier nowSeconds;

  /** A handler finding through {@code finder}, with "now" (for leaves' intervals) from {@code nowSeconds}. */
  public MetricsHandler(WhisperFinder finder, LongSupplier nowSeconds) {
    this(finder, pattern -> List.of(), nowSeconds);
  }

  /**
   * A handler finding through {@code finder} and, unless a request says {@code local=1}, through {@code peers} (the
   * nodes cluster peers list for a pattern, as graphite-web's remote finder), with "now" from {@code nowSeconds}.
   */
  public MetricsHandler(WhisperFinder finder, Function<String, List<MetricNode>> peers, LongSupplier nowSeconds) {
    this.finder = finder;
    this.peers = peers;
    this.nowSeconds = nowSeconds;
  }

  /** This node's matches, then the peers' that add a path (a path that is a leaf anywhere is a leaf). */
  private List<MetricNode> nodes(String query, Map<String, List<String>> params) {
    List<MetricNode> local = finder.nodes(query);
    if (!last(params, "local", "").isEmpty() && intParam(params, "local", 0).signum() != 0) {
      return local;
    }
    List<MetricNode> remote = peers.apply(query);
    if (remote.isEmpty()) {
      return local;
    }
    Map<String, MetricNode> byPath = new LinkedHashMap<>();
    for (MetricNode node : local) {
      byPath.put(node.path(), node);
    }
    for (MetricNode node : remote) {
      byPath.merge(node.path(), node, (a, b) -> a.leaf() ? a : b);
    }
    return new ArrayList<>(byPath.values());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String view = view(request.uri());
    if (view == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    FullHttpResponse response;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    try {
      response = answer(view, request);
    } catch (RenderException e) {
      response = response(HttpResponseStatus.valueOf(e.status()), "text/plain; charset=utf-8",
          PythonText.htmlEscape(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("metrics request failed for {}", request.uri(), e);
      response = response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", "internal error");
    } finally {
      request.release();
    }
    Replies.send(ctx, keepAlive, response);
  }

  /** Which view graphite-web's URL patterns send {@code uri} to, or null when it is not ours. */
  private static String view(String uri) {
    int end = uri.length();
    for (int i = 0; i < uri.length(); i++) {
      if (uri.charAt(i) == '?' || uri.charAt(i) == '#') {
        end = i;
        break;
      }
    }
    String path = PythonText.unquote(uri.substring(0, end));
    return switch (path) {
      case "/metrics", "/metrics/", "/metrics/find", "/metrics/find/" -> "find";
      case "/metrics/expand", "/metrics/expand/" -> "expand";
      case "/metrics/index.json" -> "index";
      default -> null;
    };
  }

  private FullHttpResponse answer(String view, FullHttpRequest request) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    String uri = request.uri();
    int q = uri.indexOf('?');
    if (q >= 0) {
      int hash = uri.indexOf('#', q);
      PythonText.parseForm(uri.substring(q + 1, hash < 0 ? uri.length() : hash), params);
    }
    if (request.method().equals(HttpMethod.POST)) {
      String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
      int semicolon = type.indexOf(';');
      if ((semicolon < 0 ? type : type.substring(0, semicolon)).strip()
          .equalsIgnoreCase(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString())) {
        PythonText.parseForm(request.content().toString(StandardCharsets.UTF_8), params);
      }
    }
    // graphite-web escapes non-ASCII only when the client asks for exactly application/json, or says nothing
    String accept = request.headers().get(HttpHeaderNames.ACCEPT, "application/json");
    Json json = new Json(accept.equals("application/json"), params);
    return switch (view) {
      case "find" -> noCache(find(params, json));
      case "expand" -> noCache(expand(params, json));
      default -> index(params, json);
    };
  }

  private FullHttpResponse find(Map<String, List<String>> params, Json json) {
    String format = last(params, "format", "treejson");
    boolean leavesOnly = intParam(params, "leavesOnly", 0).signum() != 0;
    intParam(params, "local", 0);
    boolean wildcards = intParam(params, "wildcards", 0).signum() != 0;
    // tz, now, from and until only narrow which of several stores' copies of a leaf is answered: one store here
    BigInteger position = intParam(params, "position", -1);
    boolean automaticVariants = intParam(params, "automatic_variants", 0).signum() != 0;
    String query = last(params, "query", null);
    if (query == null) {
      throw invalid("Missing required parameter 'query'");
    }
    if (query.isEmpty()) {
      throw invalid("Required parameter 'query' is empty");
    }
    int dot = query.lastIndexOf('.');
    String basePath = dot < 0 ? "" : query.substring(0, dot + 1);
    if (format.equals("completer")) {
      query = query.replace("..", "*.");
      if (!query.endsWith("*")) {
        query += "*";
      }
      if (automaticVariants) {
        String[] parts = query.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
          if (parts[i].contains(",") && !parts[i].contains("{")) {
            parts[i] = "{" + parts[i] + "}";
          }
        }
        query = String.join(".", parts);
      }
    }
    List<MetricNode> matches = new ArrayList<>();
    for (MetricNode node : nodes(query, params)) {
      if (node.leaf() || !leavesOnly) {
        matches.add(node);
      }
    }
    matches.sort(Comparator.comparing(MetricNode::path, Comparator.comparing(MetricsHandler::name, PYTHON_ORDER)));
    return switch (format) {
      case "treejson" -> json.response(treeJson(matches, basePath, wildcards));
      case "nodelist" -> json.response(nodesByPosition(matches, position));
      case "json" -> json.response(jsonNodes(matches));
      case "completer" -> json.response(completer(matches, wildcards));
      case "pickle" -> pickle(matches);
      default -> response(HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8",
          "Invalid value for 'format' parameter");
    };
  }

  private static List<Object> treeJson(List<MetricNode> nodes, String basePath, boolean wildcards) {
    List<Object> results = new ArrayList<>();
    if (nodes.size() > 1 && wildcards) {
      boolean anyBranch = nodes.stream().anyMatch(n -> !n.leaf());
      results.add(treeNode("*", basePath + "*", !anyBranch));
    }
    Set<String> found = new HashSet<>();
    List<Object> branches = new ArrayList<>();
    List<Object> leaves = new ArrayList<>();
    for (MetricNode node : nodes) {
      String name = name(node.path());
      if (found.add(name)) {
        (node.leaf() ? leaves : branches).add(treeNode(PythonText.unquotePlus(name), basePath + name, node.leaf()));
      }
    }
    results.addAll(branches);
    results.addAll(leaves);
    return results;
  }

  private static Map<String, Object> treeNode(String text, String id, boolean leaf) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("text", text);
    node.put("id", id);
    node.put("allowChildren", leaf ? 0 : 1);
    node.put("expandable", leaf ? 0 : 1);
    node.put("leaf", leaf ? 1 : 0);
    return node;
  }

  private static Map<String, Object> nodesByPosition(List<MetricNode> matches, BigInteger position) {
    Set<String> found = new TreeSet<>(PYTHON_ORDER);
    for (MetricNode metric : matches) {
      String[] nodes = metric.path().split("\\.", -1);
      BigInteger index = position.signum() < 0 ? position.add(BigInteger.valueOf(nodes.length)) : position;
      if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(nodes.length)) >= 0) {
        // graphite-web answers a 500 (an IndexError) here
        throw invalid("Invalid position " + position + " for " + nodes.length + "-node path " + metric.path());
      }
      found.add(nodes[index.intValueExact()]);
    }
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("nodes", new ArrayList<>(found));
    return results;
  }

  /**
   * graphite-web's {@code format=pickle}, which its remote finder (CLUSTER_SERVERS) asks for: dicts of {@code path},
   * {@code is_leaf} and {@code intervals} as (start, end) tuples, which graphite-web reads as well as its own objects.
   */
  private FullHttpResponse pickle(List<MetricNode> matches) {
    double now = nowSeconds.getAsLong();
    List<Object> results = new ArrayList<>();
    for (MetricNode node : matches) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("path", node.path());
      info.put("is_leaf", node.leaf());
      if (node.leaf()) {
        List<Object> intervals = new ArrayList<>();
        double[] span = finder.interval(node.path(), now);
        if (span != null) {
          intervals.add(new Object[] {span[0], span[1]});
        }
        info.put("intervals", intervals);
      }
      results.add(info);
    }
    return Replies.of(HttpResponseStatus.OK, "application/pickle", Pickler.dumps(results));
  }

  private List<Object> jsonNodes(List<MetricNode> nodes) {
    double now = nowSeconds.getAsLong();
    List<MetricNode> byPath = new ArrayList<>(nodes);
    byPath.sort(Comparator.comparing(MetricNode::path, PYTHON_ORDER));
    List<Object> results = new ArrayList<>();
    for (MetricNode node : byPath) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("path", node.path());
      info.put("is_leaf", node.leaf());
      if (node.leaf()) {
        double[] span = finder.interval(node.path(), now);
        List<Object> intervals = new ArrayList<>();
        if (span != null) {
          Map<String, Object> interval = new LinkedHashMap<>();
          interval.put("start", span[0]);
          interval.put("end", span[1]);
          intervals.add(interval);
        }
        info.put("intervals", intervals);
      }
      results.add(info);
    }
    return results;
  }

  private static Map<String, Object> completer(List<MetricNode> matches, boolean wildcards) {
    List<Object> results = new ArrayList<>();
    for (MetricNode node : matches) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("path", node.leaf() ? node.path() : node.path() + ".");
      info.put("name", name(node.path()));
      info.put("is_leaf", node.leaf() ? "1" : "0");
      results.add(info);
    }
    if (results.size() > 1 && wildcards) {
      results.add(Map.of("name", "*"));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("metrics", results);
    return metrics;
  }

  private FullHttpResponse expand(Map<String, List<String>> params, Json json) {
    intParam(params, "local", 0);
    boolean groupByExpr = intParam(params, "groupByExpr", 0).signum() != 0;
    boolean leavesOnly = intParam(params, "leavesOnly", 0).signum() != 0;
    Map<String, Set<String>> results = new LinkedHashMap<>();
    for (String query : params.getOrDefault("query", List.of())) {
      Set<String> paths = new TreeSet<>(PYTHON_ORDER);
      for (MetricNode node : nodes(query, params)) {
        if (node.leaf() || !leavesOnly) {
          paths.add(node.path());
        }
      }
      results.put(query, paths);
    }
    Object answer;
    if (groupByExpr) {
      Map<String, Object> grouped = new LinkedHashMap<>();
      results.forEach((query, paths) -> grouped.put(query, new ArrayList<>(paths)));
      answer = grouped;
    } else {
      Set<String> all = new TreeSet<>(PYTHON_ORDER);
      results.values().forEach(all::addAll);
      answer = new ArrayList<>(all);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("results", answer);
    return json.response(result);
  }

  private FullHttpResponse index(Map<String, List<String>> params, Json json) {
    intParam(params, "local", 0);
    Set<String> leaves = new TreeSet<>(PYTHON_ORDER);
    for (MetricNode node : nodes("**", params)) {
      if (node.leaf()) {
        leaves.add(node.path());
      }
    }
    return json.response(new ArrayList<>(leaves));
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static String last(Map<String, List<String>> params, String name, String otherwise) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? otherwise : values.get(values.size() - 1);
  }

  /** An integer parameter as graphite-web's {@code queryParamAsInt} reads it, and words its refusal. */
  private static BigInteger intParam(Map<String, List<String>> params, String name, int otherwise) {
    String value = last(params, name, null);
    if (value == null) {
      return BigInteger.valueOf(otherwise);
    }
    BigInteger parsed = PythonText.parseInt(value);
    if (parsed == null) {
      throw invalid("Invalid int value " + Values.repr(value) + " for param " + name
          + ": invalid literal for int() with base 10: " + Values.repr(value));
    }
    return parsed;
  }

  /** graphite-web's {@code InputParameterError}, which its views answer with a 400. */
  private static RenderException invalid(String message) {
    return new RenderException(400, "Invalid parameters (" + message + ")");
  }

  private static FullHttpResponse noCache(FullHttpResponse response) {
    if (response.status().equals(HttpResponseStatus.OK)) {
      response.headers().set(HttpHeaderNames.PRAGMA, HttpHeaderValues.NO_CACHE);
      response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    }
    return response;
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
    return Replies.of(status, type, body);
  }

  /** graphite-web's {@code json_response_for}: Python's {@code json.dumps}, optionally indented, optionally JSONP. */
  private record Json(boolean ensureAscii, Map<String, List<String>> params) {
    FullHttpResponse response(Object data) {
      String pretty = last(params, "pretty", "");
      String body = PythonJson.dumps(data, ensureAscii, !pretty.isEmpty());
      return Replies.json(body, last(params, "jsonp", ""), ensureAscii ? "application/json"
          : "application/json;charset=utf-8");
    }
  }
}
