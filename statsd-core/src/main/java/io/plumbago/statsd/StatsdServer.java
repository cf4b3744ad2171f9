package io.plumbago.statsd;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.plumbago.carbon.PointSink;
import io.plumbago.carbon.server.Transports;
import io.plumbago.statsd.aggregate.Aggregator;
import io.plumbago.statsd.server.StatsdHandlers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A StatsD server: listens on UDP (and optionally newline-framed TCP), aggregates as Etsy statsd does, and every
 * flush interval hands the results to a carbon {@link PointSink} (a cache in one process, or a carbon client).
 * {@link #close} stops listening and flushes once more, so nothing received is lost.
 */
public final class StatsdServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatsdServer.class);
  private static final int MAX_DATAGRAMS_PER_READ = 16;
  private final PointSink sink;
  private final StatsdConfig config;
  private final InetSocketAddress udpAddress;
  private final InetSocketAddress tcpAddress;
  private final LongSupplier nowMillis;
  private final int udpSockets;
  private final int maxDatagramBytes;
  private final Aggregator aggregator;
  private final AtomicLong flushes = new AtomicLong();
  private final List<Channel> channels = new ArrayList<>();
  private EventLoopGroup group;
  private ScheduledFuture<?> flushTask;
  private InetSocketAddress boundUdp;
  private InetSocketAddress boundTcp;

  private StatsdServer(Builder builder) {
    this.sink = builder.sink;
    this.config = builder.config;
    this.udpAddress = builder.udpAddress;
    this.tcpAddress = builder.tcpAddress;
    this.nowMillis = builder.nowMillis;
    this.udpSockets = builder.udpSockets;
    this.maxDatagramBytes = builder.maxDatagramBytes;
    this.aggregator = new Aggregator(config, builder.events, Math.round(nowMillis.getAsLong() / 1000.0));
  }

  /** A server that flushes into {@code sink}. */
  public static Builder builder(PointSink sink) {
    return new Builder(sink);
  }

  /** Binds the listeners and starts the flush timer, aligned to this moment as Etsy's is. */
  public synchronized void start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    Transports transports = Transports.best();
    group = transports.group(Math.max(2, udpSockets), "statsd");
    try {
      if (udpAddress != null) {
        // With epoll, several sockets share the port (SO_REUSEPORT) so the kernel spreads datagrams over the I/O
        // threads; elsewhere one socket.
        int sockets = transports.isEpoll() ? udpSockets : 1;
        int datagramsPerRead = Math.max(1, Math.min(MAX_DATAGRAMS_PER_READ, 65_536 / maxDatagramBytes));
        // Netty's datagram default would cut datagrams at 2 048 bytes; Etsy takes any size.
        Bootstrap udp = new Bootstrap().group(group).channel(transports.datagramChannel())
            .option(ChannelOption.SO_RCVBUF, 8 << 20)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramBytes * datagramsPerRead))
            .handler(new StatsdHandlers.Datagrams(aggregator));
        if (transports.isEpoll() && datagramsPerRead > 1) {
          // recvmmsg: several datagrams per system call into one read buffer of at most 64 KiB
          udp.option(io.netty.channel.epoll.EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagramBytes);
        }
        if (sockets > 1) {
          udp.option(io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT, true);
        }
        Channel first = udp.bind(udpAddress).sync().channel();
        channels.add(first);
        boundUdp = (InetSocketAddress) first.localAddress();
        for (int i = 1; i < sockets; i++) {
          channels.add(udp.bind(boundUdp).sync().channel());
        }
      }
      if (tcpAddress != null) {
        StatsdHandlers.Lines lines = new StatsdHandlers.Lines(aggregator);
        Channel channel = new ServerBootstrap().group(group).channel(transports.serverChannel())
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(65_536), lines);
              }
            })
            .bind(tcpAddress).sync().channel();
        channels.add(channel);
        boundTcp = (InetSocketAddress) channel.localAddress();
      }
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
    long intervalMillis = config.flushIntervalMillis();
    flushTask = group.next().scheduleAtFixedRate(this::flushQuietly, intervalMillis, intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  /** The bound UDP address (the real port when 0 was asked), or null. */
  public InetSocketAddress udpAddress() {
    return boundUdp;
  }

  /** The bound TCP address, or null. */
  public InetSocketAddress tcpAddress() {
    return boundTcp;
  }

  /** Ends the current interval now and flushes it. */
  public void flush() {
    aggregator.flush(Math.round(nowMillis.getAsLong() / 1000.0), sink);
    flushes.incrementAndGet();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("statsd flush failed", e);
    }
  }

  /** The counters so far. */
  public StatsdStats stats() {
    long[] totals = aggregator.totals();
    return new StatsdStats(totals[0], totals[1], totals[2], totals[3], totals[4], flushes.get());
  }

  /** Stops listening, waits for the I/O threads and flushes what they received. */
  @Override
  public synchronized void close() {
    if (flushTask != null) {
      flushTask.cancel(false);
    }
    for (Channel channel : channels) {
      channel.close().syncUninterruptibly();
    }
    channels.clear();
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
      flushQuietly();
    }
  }

  /** Configures a {@link StatsdServer}. */
  public static final class Builder {
    private final PointSink sink;
    private StatsdConfig config = StatsdConfig.defaults();
    private InetSocketAddress udpAddress;
    private InetSocketAddress tcpAddress;
    private LongSupplier nowMillis = System::currentTimeMillis;
    private EventSink events = EventSink.NONE;
    private int udpSockets = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int maxDatagramBytes = 65_507;

    private Builder(PointSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Etsy options; {@link StatsdConfig#defaults()} if not set. */
    public Builder config(StatsdConfig config) {
      this.config = Objects.requireNonNull(config);
      return this;
    }

    /** Listens on UDP at {@code address} (port 0 picks a free port). */
    public Builder udp(InetSocketAddress address) {
      this.udpAddress = address;
      return this;
    }

    /** Listens on TCP at {@code address}, one packet per line. */
    public Builder tcp(InetSocketAddress address) {
      this.tcpAddress = address;
      return this;
    }

    /** UDP sockets sharing the port with SO_REUSEPORT where epoll is available; one per core by default. */
    public Builder udpSockets(int sockets) {
      if (sockets < 1) {
        throw new IllegalArgumentException("udpSockets must be at least 1: " + sockets);
      }
      this.udpSockets = sockets;
      return this;
    }

    /**
     * The largest UDP payload taken whole, in bytes; longer datagrams are cut there. 65 507 (any UDP datagram, as
     * Etsy) by default, one datagram per receive call; a smaller bound (8 932 for jumbo frames, 1 432 for Ethernet,
     * Etsy's own guidance) lets one call take up to 16 datagrams into a read buffer of at most 64 KiB.
     */
    public Builder maxDatagramBytes(int bytes) {
      if (bytes < 512 || bytes > 65_507) {
        throw new IllegalArgumentException("maxDatagramBytes must be in [512, 65507]: " + bytes);
      }
      this.maxDatagramBytes = bytes;
      return this;
    }

    /** Where DogStatsD events go; by default they are counted and dropped. */
    public Builder events(EventSink events) {
      this.events = Objects.requireNonNull(events);
      return this;
    }

    /** The clock flushes are stamped with, in milliseconds since the epoch. */
    public Builder clock(LongSupplier nowMillis) {
      this.nowMillis = Objects.requireNonNull(nowMillis);
      return this;
    }

    /** The server; nothing is bound until {@link StatsdServer#start}. */
    public StatsdServer build() {
      if (udpAddress == null && tcpAddress == null) {
        throw new IllegalStateException("configure at least one listener");
      }
      return new StatsdServer(this);
    }
  }
}
