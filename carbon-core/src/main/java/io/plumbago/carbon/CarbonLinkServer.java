package io.plumbago.carbon;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.plumbago.carbon.server.CarbonLinkHandler;
import io.plumbago.carbon.server.Transports;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * carbon-cache's query port (CarbonLink, 7002 in carbon): graphite-web asks it for the points of a metric that are
 * still in the {@link MetricCache}, so a graph shows them before they reach the whisper file. Requests are
 * length-prefixed pickles of at most 16 MiB.
 */
public final class CarbonLinkServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 16 << 20;
  private final InetSocketAddress address;
  private final CarbonLinkHandler handler;
  private EventLoopGroup group;
  private Channel channel;

  /**
   * A server answering from {@code cache} at {@code address}; {@code aggregationMethod} gives a metric's whisper
   * aggregation method for {@code get-metadata} (and throws for an unknown metric); {@code set-metadata} is refused.
   */
  public CarbonLinkServer(MetricCache cache, InetSocketAddress address, Function<String, String> aggregationMethod) {
    this(cache, address, aggregationMethod, (metric, method) -> {
      throw new UnsupportedOperationException("set-metadata is not supported here");
    });
  }

  /** As above, with {@code setAggregationMethod} changing a metric's method and returning the old one. */
  public CarbonLinkServer(MetricCache cache, InetSocketAddress address, Function<String, String> aggregationMethod,
      java.util.function.BinaryOperator<String> setAggregationMethod) {
    this.address = Objects.requireNonNull(address);
    this.handler = new CarbonLinkHandler(Objects.requireNonNull(cache), Objects.requireNonNull(aggregationMethod),
        Objects.requireNonNull(setAggregationMethod));
  }

  /** Binds and starts answering. */
  public synchronized void start() throws InterruptedException {
    Transports transports = Transports.best();
    group = transports.group(1, "carbonlink");
    channel = new ServerBootstrap().group(group).channel(transports.serverChannel())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_REQUEST_BYTES, 0, 4, 0, 4, true), handler);
          }
        })
        .bind(address).sync().channel();
  }

  /** The bound address (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return channel == null ? null : (InetSocketAddress) channel.localAddress();
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }
}
