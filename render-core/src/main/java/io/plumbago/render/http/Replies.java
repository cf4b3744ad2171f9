package io.plumbago.render.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.plumbago.render.RenderException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The answers the render and metrics handlers send: their headers, JSON or JSONP bodies, and keep-alive. */
final class Replies {
  /** A JSONP callback name that cannot carry script: an identifier path, at most 128 characters. */
  private static final Pattern JSONP_CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,127}");

  private Replies() {}

  /** An answer with {@code body} as {@code type}, readable from other origins, never content-sniffed. */
  static FullHttpResponse of(HttpResponseStatus status, String type, byte[] body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().set("X-Content-Type-Options", "nosniff");
    response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    return response;
  }

  /** As above, with a UTF-8 text body. */
  static FullHttpResponse of(HttpResponseStatus status, String type, String body) {
    return of(status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A 200 with {@code json}, wrapped in {@code jsonp(...)} as {@code text/javascript} when a callback is given (null or
   * empty: none); {@code type} is the JSON content type.
   *
   * @throws RenderException 400 for a callback name that is not an identifier path
   */
  static FullHttpResponse json(String json, String jsonp, String type) {
    if (jsonp == null || jsonp.isEmpty()) {
      return of(HttpResponseStatus.OK, type, json);
    }
    checkCallback(jsonp);
    return of(HttpResponseStatus.OK, type.replace("application/json", "text/javascript"), jsonp + "(" + json + ")");
  }

  /**
   * Refuses a JSONP callback name that is not an identifier path (null or empty: no callback).
   *
   * @throws RenderException 400
   */
  static void checkCallback(String jsonp) {
    if (jsonp != null && !jsonp.isEmpty() && !JSONP_CALLBACK.matcher(jsonp).matches()) {
      throw new RenderException(400, "Invalid jsonp callback name");
    }
  }

  /** Sends {@code response}, keeping the connection open when the request asked for it, else closing after. */
  static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (keepAlive) {
      HttpUtil.setKeepAlive(response, true);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
