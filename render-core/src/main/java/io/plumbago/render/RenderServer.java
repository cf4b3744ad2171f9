package io.plumbago.render;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.plumbago.render.eval.SeriesSource;
import io.plumbago.render.find.WhisperFinder;
import io.plumbago.render.find.WhisperSource;
import io.plumbago.render.remote.ClusterSource;
import io.plumbago.render.http.MetricsHandler;
import io.plumbago.render.http.RenderHandler;
import io.plumbago.whisper.WhisperDatabase;
import io.netty.channel.ChannelHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * graphite-web's render and metrics APIs ({@code /render}, {@code /metrics/find}, {@code /metrics/expand},
 * {@code /metrics/index.json}) as a Netty HTTP server over a {@link WhisperDatabase}, with a {@link CacheOverlay} for
 * points not yet on disk, and Graphite events from an {@link EventSource} for {@code events(...)}. Requests are bounded
 * (16 KiB of request line and headers, 1 MiB of body); reading files runs off the I/O threads. Other HTTP APIs can be
 * mounted in front of the render handler with {@link Builder#handlerBefore}. Build with {@link #builder}, then
 * {@link #start}; {@link #close} stops it.
 */
public final class RenderServer implements AutoCloseable {
  private static final int MAX_INITIAL_LINE_BYTES = 16_384;
  private static final int MAX_BODY_BYTES = 1 << 20;
  private final InetSocketAddress address;
  private final RenderHandler handler;
  private final MetricsHandler metrics;
  private final ClusterSource cluster;
  private final List<Supplier<ChannelHandler>> before;
  private EventLoopGroup group;
  private EventExecutorGroup workers;
  private Channel channel;
  private ChannelGroup connections;

  private RenderServer(Builder builder) {
    this.address = builder.address;
    WhisperFinder finder = new WhisperFinder(builder.database, builder.overlay);
    SeriesSource local = new WhisperSource(finder);
    this.cluster = builder.peers.isEmpty() ? null : new ClusterSource(local, builder.peers,
        builder.peerTimeoutMillis);
    this.handler = new RenderHandler(cluster == null ? local : cluster, builder.nowSeconds, builder.events);
    this.metrics = cluster == null ? new MetricsHandler(finder, builder.nowSeconds)
        : new MetricsHandler(finder, cluster::findNodes, builder.nowSeconds);
    this.before = List.copyOf(builder.before);
  }

  /** A server reading {@code database}. */
  public static Builder builder(WhisperDatabase database) {
    return new Builder(database);
  }

  /** Binds and starts answering. */
  public synchronized void start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    boolean epoll = Epoll.isAvailable();
    group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("render-io", true),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends ServerChannel> channelClass = epoll ? EpollServerSocketChannel.class
        : NioServerSocketChannel.class;
    connections = new DefaultChannelGroup("render-connections", GlobalEventExecutor.INSTANCE);
    workers = new DefaultEventExecutorGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("render", true));
    try {
      channel = new ServerBootstrap().group(group).channel(channelClass)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              connections.add(ch);
              ch.pipeline()
                  .addLast(new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_INITIAL_LINE_BYTES, 8192))
                  .addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
              for (Supplier<ChannelHandler> h : before) {
                ch.pipeline().addLast(workers, h.get());
              }
              ch.pipeline().addLast(workers, metrics).addLast(workers, handler);
            }
          })
          .bind(address).sync().channel();
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  /** The bound address (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return channel == null ? null : (InetSocketAddress) channel.localAddress();
  }

  /** Stops listening and waits for requests in progress. */
  @Override
  public synchronized void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
      channel = null;
    }
    if (group != null) {
      // Close every connection while both thread pools run: their teardown events hop from the I/O threads to the
      // workers and back. Then stop the workers, then the I/O threads.
      connections.close().syncUninterruptibly();
      workers.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Configures a {@link RenderServer}. */
  public static final class Builder {
    private final WhisperDatabase database;
    private CacheOverlay overlay = CacheOverlay.NONE;
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 8080);
    private LongSupplier nowSeconds = () -> System.currentTimeMillis() / 1000;
    private EventSource events = EventSource.NONE;
    private final List<Supplier<ChannelHandler>> before = new ArrayList<>();
    private final List<java.net.URI> peers = new ArrayList<>();
    private long peerTimeoutMillis = 10_000;

    private Builder(WhisperDatabase database) {
      this.database = Objects.requireNonNull(database, "database");
    }

    /** Points not yet on disk; none by default. */
    public Builder cacheOverlay(CacheOverlay overlay) {
      this.overlay = Objects.requireNonNull(overlay);
      return this;
    }

    /** The events {@code events(...)} draws; none by default. */
    public Builder events(EventSource events) {
      this.events = Objects.requireNonNull(events);
      return this;
    }

    /**
     * Adds a handler in front of the render API, after the HTTP codec and aggregator, on the worker threads: it gets
     * every {@code FullHttpRequest} first and passes on ({@code ctx.fireChannelRead}) those it does not answer.
     * {@code handler} is called once per connection (return a {@code @Sharable} instance to share one). Handlers are
     * added in call order.
     */
    public Builder handlerBefore(Supplier<ChannelHandler> handler) {
      before.add(Objects.requireNonNull(handler));
      return this;
    }

    /**
     * Other Graphite nodes (graphite-web or Plumbago, base URLs such as {@code http://10.0.0.2:8080}) whose series
     * are merged into every render, as graphite-web's {@code CLUSTER_SERVERS}; a peer that does not answer within
     * {@code timeoutMillis} is left out of that request.
     */
    public Builder cluster(List<java.net.URI> peerUrls, long timeoutMillis) {
      peers.addAll(peerUrls);
      this.peerTimeoutMillis = timeoutMillis;
      return this;
    }

    /** Where to listen (port 0 picks a free port); 127.0.0.1:8080 by default. */
    public Builder bind(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address);
      return this;
    }

    /** The clock that {@code now} and relative times read, in seconds since the epoch. */
    public Builder clock(LongSupplier nowSeconds) {
      this.nowSeconds = Objects.requireNonNull(nowSeconds);
      return this;
    }

    /** The server; nothing is bound until {@link RenderServer#start}. */
    public RenderServer build() {
      return new RenderServer(this);
    }
  }
}
