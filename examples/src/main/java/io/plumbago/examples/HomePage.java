package io.plumbago.examples;

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
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/** {@code GET /}: a small page linking the program's HTTP faces; every other request passes on. */
@ChannelHandler.Sharable
final class HomePage extends ChannelInboundHandlerAdapter {
  private static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Plumbago</title><link rel="stylesheet" href="/events/submit.css"></head><body>
      <header class="bar"><a class="brand" href="/">Plumbago</a>
      <nav aria-label="Site"><a href="/events/submit">Submit an event</a> <a href="/events/">All events</a></nav></header>
      <main><section class="card"><h1>Plumbago</h1>
      <p>The Graphite stack in one program: graphite-web's API for Grafana, and the events store.</p>
      <ul>
      <li><a href="/events/submit">Events submitter</a>: record a deployment, campaign or incident and see it over a metric</li>
      <li><a href="/events/">Events</a> and <code>/events/get_data</code> (Grafana's Graphite annotations)</li>
      <li><a href="/metrics/find?query=*">/metrics/find</a> and <code>/render?target=...&amp;format=json</code></li>
      </ul></section></main></body></html>
      """;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request) || !request.uri().equals("/")
        || !(request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD))) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    ReferenceCountUtil.release(msg);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.copiedBuffer(PAGE, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    response.headers().set("Content-Security-Policy", "default-src 'none'; style-src 'self'");
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (keepAlive) {
      HttpUtil.setKeepAlive(response, true);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
