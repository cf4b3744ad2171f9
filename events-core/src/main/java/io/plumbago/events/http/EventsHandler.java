package io.plumbago.events.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.plumbago.events.Event;
import io.plumbago.events.EventFormatException;
import io.plumbago.events.EventQuery;
import io.plumbago.events.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * graphite-web's {@code /events} API over an {@link EventStore}, plus the events submitter page. Takes aggregated
 * requests ({@link FullHttpRequest}); anything not under {@code /events} goes on, untouched, to the next handler.
 * Internal to events-core: hosts get it from {@code EventsHttp}.
 */
@ChannelHandler.Sharable
public final class EventsHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
  private static final Pattern JSONP_CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,127}");
  private static final Pattern DETAIL = Pattern.compile("/events/(\\d{1,18})/?");
  private static final String TAGS_ERROR = "\"tags\" must be an array or space-separated string";
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
  private static final int MAX_LISTED = 1000;
  private final EventStore store;
  private final byte[] writeToken;
  private final int maxBodyBytes;
  private final DoubleSupplier nowSeconds;
  private final Pages pages;
  private final ObjectMapper json;
  private final AtomicLong badRequests = new AtomicLong();
  private final AtomicLong lastBadRequestLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

  /**
   * A handler over {@code store}; writes need {@code Authorization: Bearer writeToken} unless it is null; bodies
   * over {@code maxBodyBytes} are refused with 413; {@code nowSeconds} is the clock for events without a time.
   */
  public EventsHandler(EventStore store, String writeToken, int maxBodyBytes, DoubleSupplier nowSeconds) {
    this.store = store;
    this.writeToken = writeToken == null ? null : writeToken.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = maxBodyBytes;
    this.nowSeconds = nowSeconds;
    this.pages = new Pages(writeToken != null);
    this.json = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json reads NaN; the event then refuses it
        .build();
    this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /** How many requests were refused as bad input (4xx) since start. */
  public long badRequests() {
    return badRequests.get();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !underEvents(request.uri())) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      FullHttpResponse response;
      try {
        response = route(request);
      } catch (BadRequest e) {
        response = badRequest(request, e.status, e.getMessage());
      } catch (IllegalArgumentException e) {
        // Netty's query string decoder on a broken %-escape
        response = badRequest(request, 400, "malformed request: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("events request failed: {} {}", request.method(), request.uri(), e);
        response = jsonResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR, PythonJson.error("internal error"));
      }
      send(ctx, request, response);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static boolean underEvents(String uri) {
    return uri.equals("/events") || uri.startsWith("/events/") || uri.startsWith("/events?");
  }

  private FullHttpResponse route(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    HttpMethod method = request.method();
    if (path.equals("/events") || path.equals("/events/")) {
      if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
        List<Event> events = fetch(uri.parameters());
        // graphite-web lists every match; a page of a million rows helps no one, so the newest ones are shown
        return html(HttpResponseStatus.OK, pages.list(events.subList(Math.max(0, events.size() - MAX_LISTED),
            events.size()), events.size()));
      }
      if (method.equals(HttpMethod.POST)) {
        return post(request);
      }
      return empty(HttpResponseStatus.METHOD_NOT_ALLOWED);
    }
    if (path.equals("/events/get_data") || path.equals("/events/get_dat")) {
      return getData(request, uri);
    }
    if (path.equals("/events/submit") || path.equals("/events/submit/")) {
      return html(HttpResponseStatus.OK, pages.submit());
    }
    if (path.equals("/events/submit.js")) {
      return response(HttpResponseStatus.OK, "text/javascript; charset=utf-8", pages.script());
    }
    if (path.equals("/events/submit.css")) {
      return response(HttpResponseStatus.OK, "text/css; charset=utf-8", pages.style());
    }
    if (path.equals("/events/tags") || path.equals("/events/tags/")) {
      return jsonResponse(HttpResponseStatus.OK, tagsJson());
    }
    var detail = DETAIL.matcher(path);
    if (detail.matches()) {
      long id = Long.parseLong(detail.group(1));
      if (method.equals(HttpMethod.DELETE)) {
        return delete(request, id);
      }
      return detail(request, id);
    }
    return response(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "Not found\n");
  }

  private FullHttpResponse post(FullHttpRequest request) {
    authorize(request);
    if (request.content().readableBytes() > maxBodyBytes) {
      throw new BadRequest(413, "the body is larger than " + maxBodyBytes + " bytes");
    }
    JsonNode body;
    try {
      body = json.readTree(new ByteBufInputStream(request.content().duplicate()));
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequest(400, "the body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw new BadRequest(400, "the body must be a JSON object");
    }
    Set<String> tags = tags(body.get("tags"));
    String what = text(body, "what");
    if (what == null) {
      throw new BadRequest(400, "'what' is required");
    }
    String data = text(body, "data");
    JsonNode when = body.get("when");
    double whenSeconds;
    if (when == null || when.isNull()) {
      whenSeconds = nowSeconds.getAsDouble();
    } else if (when.isNumber()) {
      whenSeconds = when.asDouble();
    } else {
      throw new BadRequest(400, "\"when\" must be a number of seconds since the epoch");
    }
    Event event;
    try {
      event = store.add(whenSeconds, what, tags, data);
    } catch (EventFormatException e) {
      throw new BadRequest(400, e.getMessage());
    } catch (IOException e) {
      LOG.error("could not store an event", e);
      return jsonResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR, PythonJson.error("could not store the event"));
    }
    FullHttpResponse ok = empty(HttpResponseStatus.OK);
    ok.headers().set(HttpHeaderNames.LOCATION, "/events/" + event.id() + "/");
    return ok;
  }

  /**
   * The tags of a POST as graphite-web reads them: a list is joined with spaces, and the string is kept as its
   * whitespace-separated words (which is how graphite-web returns them; the store derives the names it finds them
   * by, commas included).
   */
  private static Set<String> tags(JsonNode tags) {
    if (tags == null || tags.isNull()) {
      return Set.of();
    }
    String joined;
    if (tags.isArray()) {
      List<String> words = new ArrayList<>();
      for (JsonNode tag : tags) {
        if (!tag.isTextual()) {
          throw new BadRequest(400, TAGS_ERROR);
        }
        words.add(tag.textValue());
      }
      joined = String.join(" ", words);
    } else if (tags.isTextual()) {
      joined = tags.textValue();
    } else {
      throw new BadRequest(400, TAGS_ERROR);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String word : joined.split("\\s+")) {
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
    return out;
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new BadRequest(400, "\"" + field + "\" must be a string");
    }
    return node.textValue();
  }

  private FullHttpResponse getData(FullHttpRequest request, QueryStringDecoder uri) {
    Map<String, List<String>> query = uri.parameters();
    String jsonp = first(query, "jsonp");
    if (jsonp == null && request.method().equals(HttpMethod.POST)) {
      // graphite-web merges the POST form into the parameters, which only jsonp reads
      jsonp = first(new QueryStringDecoder(request.content().toString(StandardCharsets.UTF_8), false).parameters(),
          "jsonp");
    }
    String body = PythonJson.eventList(fetch(query));
    if (jsonp != null) {
      if (!JSONP_CALLBACK.matcher(jsonp).matches()) {
        throw new BadRequest(400, "invalid jsonp callback: a JavaScript name of at most 128 characters");
      }
      return response(HttpResponseStatus.OK, "text/javascript", jsonp + "(" + body + ")");
    }
    return jsonResponse(HttpResponseStatus.OK, body);
  }

  private List<Event> fetch(Map<String, List<String>> query) {
    double now = nowSeconds.getAsDouble();
    double from = time(first(query, "from"), 0, now);
    double until = time(first(query, "until"), now, now);
    String tags = first(query, "tags");
    EventQuery q = EventQuery.between(from, until);
    if (tags != null) {
      q = q.withTags(EventQuery.TagMatch.ofParameter(first(query, "set")), List.of(tags.split(" ", -1)));
    }
    return store.query(q);
  }

  private static double time(String text, double otherwise, double now) {
    if (text == null) {
      return otherwise;
    }
    try {
      return AtTime.parse(text, now);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, e.getMessage());
    }
  }

  private FullHttpResponse detail(FullHttpRequest request, long id) {
    if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
      return empty(HttpResponseStatus.METHOD_NOT_ALLOWED);
    }
    String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
    boolean wantsJson = accept.strip().startsWith("application/json");
    Event event = store.get(id).orElse(null);
    if (event == null) {
      return wantsJson
          ? jsonResponse(HttpResponseStatus.NOT_FOUND, PythonJson.error("Event matching query does not exist"))
          : html(HttpResponseStatus.NOT_FOUND, pages.notFound());
    }
    return wantsJson ? jsonResponse(HttpResponseStatus.OK, PythonJson.eventDetail(event))
        : html(HttpResponseStatus.OK, pages.detail(event));
  }

  private FullHttpResponse delete(FullHttpRequest request, long id) {
    authorize(request);
    try {
      return store.delete(id) ? empty(HttpResponseStatus.NO_CONTENT)
          : jsonResponse(HttpResponseStatus.NOT_FOUND, PythonJson.error("Event matching query does not exist"));
    } catch (IOException e) {
      LOG.error("could not delete event {}", id, e);
      return jsonResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR, PythonJson.error("could not delete the event"));
    }
  }

  private String tagsJson() {
    StringBuilder out = new StringBuilder();
    PythonJson.list(out, store.tagCounts().entrySet(), (o, tag) -> {
      o.append("{\"tag\": ");
      PythonJson.string(o, tag.getKey());
      o.append(", \"count\": ").append(tag.getValue()).append('}');
    });
    return out.toString();
  }

  private void authorize(FullHttpRequest request) {
    if (writeToken == null) {
      return;
    }
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
    byte[] given = header.startsWith("Bearer ") ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8)
        : new byte[0];
    if (!MessageDigest.isEqual(given, writeToken)) {
      throw new BadRequest(401, "a valid bearer token is required to write events");
    }
  }

  private FullHttpResponse badRequest(FullHttpRequest request, int status, String message) {
    long count = badRequests.incrementAndGet();
    long now = System.nanoTime();
    long last = lastBadRequestLogNanos.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastBadRequestLogNanos.compareAndSet(last, now)) {
      LOG.warn("refused {} {} with {}: {} ({} bad requests so far)", request.method(),
          request.uri().length() > 200 ? request.uri().substring(0, 200) + "..." : request.uri(), status, message,
          count);
    }
    FullHttpResponse response = jsonResponse(HttpResponseStatus.valueOf(status), PythonJson.error(message));
    if (status == 401) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    return response;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
    if (request.method().equals(HttpMethod.HEAD)) {
      response.content().clear();
    }
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (HttpUtil.isKeepAlive(request)) {
      HttpUtil.setKeepAlive(response, true);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static FullHttpResponse jsonResponse(HttpResponseStatus status, String body) {
    return response(status, "application/json", body);
  }

  private static FullHttpResponse html(HttpResponseStatus status, String body) {
    FullHttpResponse response = response(status, "text/html; charset=utf-8", body);
    response.headers().set("Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    return response;
  }

  private static FullHttpResponse empty(HttpResponseStatus status) {
    return response(status, null, "");
  }

  private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    if (type != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    }
    response.headers().set("X-Content-Type-Options", "nosniff");
    response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    return response;
  }

  /** A request refused with a 4xx status and a reason. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
