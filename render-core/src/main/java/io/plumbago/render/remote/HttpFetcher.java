package io.plumbago.render.remote;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small Netty HTTP/1.1 client for GETs to cluster peers: one connection per request, the answer's body bounded,
 * the result a future that fails on a connection error, a non-200 status or the timeout. Thread-safe.
 */
final class HttpFetcher implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final long timeoutMillis;

  HttpFetcher(long timeoutMillis, int maxBodyBytes) {
    this.timeoutMillis = timeoutMillis;
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("render-remote", true),
        NioIoHandler.newFactory());
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBodyBytes), new Answer());
          }
        });
  }

  /** GETs {@code uri} (http only); completes with the body of a 200 answer. */
  CompletableFuture<byte[]> get(URI uri) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    bootstrap.connect(uri.getHost(), port).addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new IOException("cannot connect to " + uri.getHost() + ":" + port, f.cause()));
        return;
      }
      Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
      ch.attr(Answer.RESULT).set(result);
      String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
      request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + port);
      request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ch.writeAndFlush(request);
      result.whenComplete((body, error) -> ch.close());
    });
    return result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final class Answer extends SimpleChannelInboundHandler<FullHttpResponse> {
    static final io.netty.util.AttributeKey<CompletableFuture<byte[]>> RESULT =
        io.netty.util.AttributeKey.valueOf("plumbago.remote.result");

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      CompletableFuture<byte[]> result = ctx.channel().attr(RESULT).get();
      if (response.status().code() != 200) {
        result.completeExceptionally(new IOException("HTTP " + response.status().code()));
      } else {
        result.complete(ByteBufUtil.getBytes(response.content()));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      CompletableFuture<byte[]> result = ctx.channel().attr(RESULT).get();
      if (result != null) {
        result.completeExceptionally(new IOException("connection closed before an answer"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      CompletableFuture<byte[]> result = ctx.channel().attr(RESULT).get();
      if (result != null) {
        result.completeExceptionally(cause);
      }
      ctx.close();
    }
  }
}
