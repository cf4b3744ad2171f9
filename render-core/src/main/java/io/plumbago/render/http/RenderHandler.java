package io.plumbago.render.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.plumbago.render.EventSource;
import io.plumbago.render.RenderException;
import io.plumbago.render.TimeParser;
import io.plumbago.render.TimeSeries;
import io.plumbago.render.find.WhisperFinder;
import io.plumbago.render.functions.EventsFunction;
import io.plumbago.render.format.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers graphite-web's {@code /render} (GET query or POST form) for plain and globbed path targets in JSON, and
 * 404 for anything else. Errors are answered as graphite-web does, with a status and a plain-text reason.
 */
@ChannelHandler.Sharable
public final class RenderHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RenderHandler.class);
  private static final Pattern JSONP_CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,127}");
  private final WhisperFinder finder;
  private final LongSupplier nowSeconds;
  private final EventSource events;

  /** A handler reading through {@code finder}, with "now" from {@code nowSeconds} and no events. */
  public RenderHandler(WhisperFinder finder, LongSupplier nowSeconds) {
    this(finder, nowSeconds, EventSource.NONE);
  }

  /** A handler reading through {@code finder} and {@code events}, with "now" from {@code nowSeconds}. */
  public RenderHandler(WhisperFinder finder, LongSupplier nowSeconds, EventSource events) {
    this.finder = finder;
    this.nowSeconds = nowSeconds;
    this.events = events;
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
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (keepAlive) {
      HttpUtil.setKeepAlive(response, true);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private FullHttpResponse route(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
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
    String format = first(params, "format", "json");
    if (!format.equals("json")) {
      throw new RenderException(400, "format '" + format + "' is not supported yet; use format=json");
    }
    long now = nowSeconds.getAsLong();
    long from = TimeParser.parse(first(params, "from", "-1d"), now);
    long until = TimeParser.parse(first(params, "until", "now"), now);
    if (from >= until) {
      throw new RenderException(400, "Invalid time range: from must be before until");
    }
    List<TimeSeries> series = new ArrayList<>();
    java.util.Set<TimeSeries> counts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (String target : params.getOrDefault("target", List.of())) {
      if (target.isBlank()) {
        continue;
      }
      if (EventsFunction.isCall(target)) {
        TimeSeries one = EventsFunction.evaluate(target, from, until, events);
        counts.add(one);
        series.add(one);
        continue;
      }
      for (String metric : finder.find(target.strip())) {
        TimeSeries one = finder.fetch(metric, from, until, now);
        if (one != null) {
          series.add(one);
        }
      }
    }
    String json = JsonFormat.write(series, counts::contains);
    String jsonp = first(params, "jsonp", null);
    if (jsonp != null) {
      if (!JSONP_CALLBACK.matcher(jsonp).matches()) {
        throw new RenderException(400, "Invalid jsonp callback name");
      }
      return response(HttpResponseStatus.OK, "text/javascript", jsonp + "(" + json + ")");
    }
    return response(HttpResponseStatus.OK, "application/json", json);
  }

  private static String first(Map<String, List<String>> params, String name, String otherwise) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? otherwise : values.get(0);
  }

  private static FullHttpResponse text(HttpResponseStatus status, String message) {
    return response(status, "text/plain; charset=utf-8", message + "\n");
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
    FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().set("X-Content-Type-Options", "nosniff");
    response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    return response;
  }
}
