package io.plumbago.render.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.plumbago.render.EventSource;
import io.plumbago.render.RenderException;
import io.plumbago.render.TimeParser;
import io.plumbago.render.Target;
import io.plumbago.render.TargetParser;
import io.plumbago.render.TargetSyntaxException;
import io.plumbago.render.eval.Evaluator;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import io.plumbago.render.eval.SeriesSource;
import io.plumbago.render.format.CsvFormat;
import io.plumbago.render.format.DygraphFormat;
import io.plumbago.render.format.RickshawFormat;
import io.plumbago.render.format.FunctionsJson;
import io.plumbago.render.functions.FunctionDef;
import io.plumbago.render.format.JsonFormat;
import io.plumbago.render.format.PickleFormat;
import io.plumbago.render.format.RawFormat;
import io.plumbago.render.functions.FunctionRegistry;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers graphite-web's {@code /render} (GET query or POST form) for plain and globbed path targets in JSON, and
 * 404 for anything else. Errors are answered as graphite-web does, with a status and a plain-text reason.
 */
@ChannelHandler.Sharable
public final class RenderHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RenderHandler.class);
  /** The graphite-web release whose API this answers; Grafana enables 1.1 features from it. */
  static final String GRAPHITE_WEB_VERSION = "1.1.8";
  private final LongSupplier nowSeconds;
  private final EventSource events;
  private final Evaluator evaluator;

  /**
   * A handler fetching paths from {@code source} (whisper, cache overlay, cluster peers) and events from
   * {@code events}, with "now" from {@code nowSeconds}.
   */
  public RenderHandler(SeriesSource source, LongSupplier nowSeconds, EventSource events) {
    this.nowSeconds = nowSeconds;
    this.events = events;
    this.evaluator = new Evaluator(FunctionRegistry.standard(), source);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    FullHttpResponse response;
    try {
      response = route(request);
    } catch (RenderException e) {
      response = text(HttpResponseStatus.valueOf(e.status()), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("render failed for {}", request.uri(), e);
      response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
    Replies.send(ctx, HttpUtil.isKeepAlive(request), response);
  }

  /** An Error escaping a request (never expected) closes its connection so the client does not wait for ever. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("render connection failed", cause);
    ctx.close();
  }

  private FullHttpResponse route(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    if (path.equals("/version") || path.equals("/version/")) {
      return response(HttpResponseStatus.OK, "text/plain", GRAPHITE_WEB_VERSION);
    }
    if (path.equals("/functions") || path.startsWith("/functions/")) {
      return functions(path, uri.parameters());
    }
    if (path.equals("/tags") || path.startsWith("/tags/")) {
      return tags(path, uri.parameters());
    }
    if (!path.equals("/render") && !path.equals("/render/")) {
      return text(HttpResponseStatus.NOT_FOUND, "Not found");
    }
    Map<String, List<String>> params = new HashMap<>(uri.parameters());
    if (request.method().equals(HttpMethod.POST)) {
      String body = request.content().toString(StandardCharsets.UTF_8);
      new QueryStringDecoder(body, false).parameters().forEach((k, v) -> params.merge(k, v, (a, b) -> {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
      }));
    } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      return text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed");
    }
    return render(params);
  }

  /**
   * graphite-web's {@code /tags} API as it answers with no tagged series, which is Plumbago's case (it keeps no tag
   * database): Grafana probes {@code /tags/autoComplete/tags} as soon as {@code /version} says 1.1. Writes are refused.
   */
  private FullHttpResponse tags(String path, Map<String, List<String>> params) {
    String view = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    switch (view) {
      case "/tags", "/tags/autoComplete/tags" -> {
        return response(HttpResponseStatus.OK, "application/json", "[]");
      }
      case "/tags/autoComplete/values" -> {
        if (first(params, "tag", "").isEmpty()) {
          throw new RenderException(400, "no tag specified");
        }
        return response(HttpResponseStatus.OK, "application/json", "[]");
      }
      case "/tags/findSeries" -> {
        if (first(params, "expr", first(params, "expr[]", "")).isEmpty()) {
          throw new RenderException(400, "no tag expressions specified");
        }
        return response(HttpResponseStatus.OK, "application/json", "[]");
      }
      case "/tags/tagSeries", "/tags/tagMultiSeries", "/tags/delSeries" ->
          throw new RenderException(400, "Plumbago keeps no tag database: " + view + " is not available");
      default -> {
        return response(HttpResponseStatus.OK, "application/json", "null");
      }
    }
  }

  /** graphite-web's {@code /functions} and {@code /functions/<name>}. */
  private FullHttpResponse functions(String path, Map<String, List<String>> params) {
    String name = path.length() > "/functions/".length() ? path.substring("/functions/".length()) : "";
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    String json;
    if (name.isEmpty()) {
      String grouped = first(params, "grouped", "").toLowerCase(java.util.Locale.ROOT);
      json = FunctionsJson.list(evaluator.functions(), first(params, "group", null),
          grouped.equals("1") || grouped.equals("true"));
    } else {
      FunctionDef def = evaluator.functions().get(name);
      if (def == null) {
        throw new RenderException(404, "Function not found: " + name);
      }
      json = FunctionsJson.one(def);
    }
    return Replies.json(json, first(params, "jsonp", null), "application/json");
  }

  private FullHttpResponse render(Map<String, List<String>> params) {
    String format = first(params, "format", "json");
    long realNow = nowSeconds.getAsLong();
    ZoneId zone = TimeParser.zone(first(params, "tz", null)); // unknown: the default zone, as graphite-web
    long now = params.containsKey("now") ? TimeParser.parse(first(params, "now", "now"), realNow, zone) : realNow;
    long until = TimeParser.parse(first(params, "until", "now"), now, zone);
    long from = TimeParser.parse(first(params, "from", "-1d"), now, zone);
    long start = Math.min(from, until);
    long end = Math.max(from, until);
    if (start == end) {
      throw new RenderException(400, "Invalid empty time range");
    }
    double xFilesFactor = 0;
    String xff = first(params, "xFilesFactor", null);
    if (xff != null) {
      try {
        xFilesFactor = Double.parseDouble(xff);
      } catch (NumberFormatException e) {
        throw new RenderException(400, "Invalid xFilesFactor: '" + xff + "'");
      }
    }
    Map<String, String> templates = new HashMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith("template[") && k.endsWith("]") && !v.isEmpty()) {
        templates.put(k.substring(9, k.length() - 1), v.get(0));
      }
    });
    RequestContext context = new RequestContext(start, end, now, xFilesFactor, zone, templates, events,
        params.containsKey("local") && !first(params, "local", "").isEmpty());
    List<Series> series = new ArrayList<>();
    for (String target : params.getOrDefault("target", List.of())) {
      if (target.isBlank()) {
        continue;
      }
      Target parsed;
      try {
        parsed = TargetParser.parse(target);
      } catch (TargetSyntaxException e) {
        throw new RenderException(400, e.getMessage());
      }
      series.addAll(evaluator.evaluateSeries(parsed, context));
    }
    String jsonp = first(params, "jsonp", null);
    Replies.checkCallback(jsonp); // before any work
    switch (format) {
      case "json" -> {
        String maxDataPoints = first(params, "maxDataPoints", null);
        int max = maxDataPoints != null && !maxDataPoints.isEmpty() && maxDataPoints.chars().allMatch(
            Character::isDigit) && maxDataPoints.length() < 10 ? Integer.parseInt(maxDataPoints) : 0;
        String json = JsonFormat.write(series, max, params.containsKey("noNullPoints"));
        return Replies.json(json, jsonp, "application/json");
      }
      case "dygraph" -> {
        return Replies.json(DygraphFormat.write(series), jsonp, "application/json");
      }
      case "rickshaw" -> {
        return Replies.json(RickshawFormat.write(series), jsonp, "application/json");
      }
      case "csv" -> {
        return response(HttpResponseStatus.OK, "text/csv", CsvFormat.write(series, zone));
      }
      case "raw" -> {
        return response(HttpResponseStatus.OK, "text/plain", RawFormat.write(series));
      }
      case "pickle" -> {
        return response(HttpResponseStatus.OK, "application/pickle", PickleFormat.write(series));
      }
      default -> throw new RenderException(400, "format '" + format
          + "' is not supported; use json, csv, raw, pickle, dygraph or rickshaw");
    }
  }

  private static String first(Map<String, List<String>> params, String name, String otherwise) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? otherwise : values.get(0);
  }

  private static FullHttpResponse text(HttpResponseStatus status, String message) {
    return response(status, "text/plain; charset=utf-8", message + "\n");
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
    return Replies.of(status, type, body);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, byte[] body) {
    return Replies.of(status, type, body);
  }
}
