package io.plumbago.carbon;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.plumbago.carbon.server.PlaintextDatagramHandler;
import io.plumbago.carbon.server.PickleHandler;
import io.plumbago.carbon.server.PlaintextFramer;
import io.plumbago.carbon.server.PlaintextHandler;
import io.plumbago.carbon.server.ReceiverCounters;
import io.plumbago.carbon.server.Transports;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * carbon's listeners: plaintext over TCP (port 2003 in carbon) and UDP, and pickle over TCP (2004), handing every
 * accepted point to a {@link PointSink}. Bad lines and bad pickle frames are counted and the connection stays open; a
 * line longer than 16384 bytes (Twisted's limit) or a frame over the pickle limit closes its connection. Build with
 * {@link #builder}, then {@link #start}; {@link #close} stops listening, half-closes every TCP connection and reads
 * on until each sender closes its side (for up to two seconds), so a sender that honours the signal, as Plumbago's
 * {@link CarbonClient} does, loses nothing it wrote; then it waits for the I/O threads.
 *
 * <pre>{@code
 * try (CarbonReceiver receiver = CarbonReceiver.builder(cache).plaintextTcp(new InetSocketAddress("127.0.0.1", 2003)).build()) {
 *   receiver.start();
 *   ...
 * }
 * }</pre>
 */
public final class CarbonReceiver implements AutoCloseable {
  private static final long CLOSE_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
  private final PointSink sink;
  private final InetSocketAddress tcpAddress;
  private final InetSocketAddress udpAddress;
  private final InetSocketAddress pickleAddress;
  private final int maxLineBytes;
  private final int maxPickleBytes;
  private final LongSupplier nowSeconds;
  private final Transports transports;
  private final ReceiverCounters counters = new ReceiverCounters();
  private final List<Channel> channels = new ArrayList<>();
  private final ChannelGroup connections = new DefaultChannelGroup("carbon-connections", GlobalEventExecutor.INSTANCE);
  private EventLoopGroup group;
  private InetSocketAddress boundTcp;
  private InetSocketAddress boundUdp;
  private InetSocketAddress boundPickle;

  private CarbonReceiver(Builder builder) {
    this.sink = builder.sink;
    this.tcpAddress = builder.tcpAddress;
    this.udpAddress = builder.udpAddress;
    this.pickleAddress = builder.pickleAddress;
    this.maxLineBytes = builder.maxLineBytes;
    this.maxPickleBytes = builder.maxPickleBytes;
    this.nowSeconds = builder.nowSeconds;
    this.transports = builder.transports;
  }

  /** A receiver that hands points to {@code sink}. */
  public static Builder builder(PointSink sink) {
    return new Builder(sink);
  }

  /** Binds every configured listener; returns once they accept. Throws if a port cannot be bound. */
  public synchronized void start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    group = transports.group(0, "carbon-receiver");
    PlaintextHandler handler = new PlaintextHandler(sink, nowSeconds, counters);
    try {
      if (tcpAddress != null) {
        boundTcp = bindTcp(tcpAddress,
            ch -> ch.pipeline().addLast(new PlaintextFramer(handler, maxLineBytes), handler));
      }
      if (pickleAddress != null) {
        PickleHandler pickle = new PickleHandler(maxPickleBytes, sink, nowSeconds, counters);
        boundPickle = bindTcp(pickleAddress,
            ch -> ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(maxPickleBytes, 0, 4, 0, 4, true), pickle));
      }
      if (udpAddress != null) {
        Channel channel = new Bootstrap()
            .group(group)
            .channel(transports.datagramChannel())
            .option(ChannelOption.SO_RCVBUF, 4 << 20)
            .handler(new PlaintextDatagramHandler(handler))
            .bind(udpAddress).sync().channel();
        channels.add(channel);
        boundUdp = (InetSocketAddress) channel.localAddress();
      }
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  private InetSocketAddress bindTcp(InetSocketAddress address, java.util.function.Consumer<SocketChannel> pipeline)
      throws InterruptedException {
    Channel channel = new ServerBootstrap()
        .group(group)
        .channel(transports.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            pipeline.accept(ch);
          }
        })
        .bind(address).sync().channel();
    channels.add(channel);
    return (InetSocketAddress) channel.localAddress();
  }

  /** The address the plaintext TCP listener is bound to (the real port when 0 was asked), or null. */
  public InetSocketAddress plaintextTcpAddress() {
    return boundTcp;
  }

  /** The address the pickle TCP listener is bound to, or null. */
  public InetSocketAddress pickleAddress() {
    return boundPickle;
  }

  /** The address the plaintext UDP listener is bound to, or null. */
  public InetSocketAddress plaintextUdpAddress() {
    return boundUdp;
  }

  /** The counters so far. */
  public ReceiverStats stats() {
    return new ReceiverStats(counters.connections.sum(), counters.lines.sum(), counters.points.sum(),
        counters.badLines.sum(), counters.refused.sum(), counters.frames.sum(), counters.badFrames.sum());
  }

  /** Stops listening, closes open connections and waits for the I/O threads to finish what they read. */
  @Override
  public synchronized void close() {
    for (Channel channel : channels) {
      channel.close().syncUninterruptibly();
    }
    channels.clear();
    for (Channel connection : connections) {
      if (connection instanceof DuplexChannel duplex) {
        duplex.shutdownOutput();
      }
    }
    long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connections.close().syncUninterruptibly();
    if (group != null) {
      group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }

  /** Configures a {@link CarbonReceiver}. */
  public static final class Builder {
    private final PointSink sink;
    private InetSocketAddress tcpAddress;
    private InetSocketAddress udpAddress;
    private InetSocketAddress pickleAddress;
    private int maxLineBytes = 16_384;
    private int maxPickleBytes = 1 << 20;
    private LongSupplier nowSeconds = () -> System.currentTimeMillis() / 1000;
    private Transports transports = Transports.best();

    private Builder(PointSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Listens for plaintext over TCP at {@code address} (port 0 picks a free port). */
    public Builder plaintextTcp(InetSocketAddress address) {
      this.tcpAddress = address;
      return this;
    }

    /** Listens for plaintext over UDP at {@code address} (port 0 picks a free port). */
    public Builder plaintextUdp(InetSocketAddress address) {
      this.udpAddress = address;
      return this;
    }

    /** Listens for pickle frames over TCP at {@code address} (carbon's port 2004; 0 picks a free port). */
    public Builder pickleTcp(InetSocketAddress address) {
      this.pickleAddress = address;
      return this;
    }

    /**
     * The largest pickle frame body in bytes (carbon's {@code PICKLE_RECEIVER_MAX_LENGTH}, 1 MiB by default); a
     * larger frame closes its connection. It also bounds the values one frame may build.
     */
    public Builder maxPickleBytes(int maxPickleBytes) {
      if (maxPickleBytes < 64) {
        throw new IllegalArgumentException("maxPickleBytes must be at least 64: " + maxPickleBytes);
      }
      this.maxPickleBytes = maxPickleBytes;
      return this;
    }

    /** The longest line in bytes before the connection is closed; 16384 by default, as carbon. */
    public Builder maxLineBytes(int maxLineBytes) {
      if (maxLineBytes < 64) {
        throw new IllegalArgumentException("maxLineBytes must be at least 64: " + maxLineBytes);
      }
      this.maxLineBytes = maxLineBytes;
      return this;
    }

    /** The clock that a timestamp of -1 reads, in seconds since the epoch. */
    public Builder clock(LongSupplier nowSeconds) {
      this.nowSeconds = Objects.requireNonNull(nowSeconds);
      return this;
    }

    /** Runs on NIO even where epoll is available. */
    public Builder nio() {
      this.transports = Transports.nio();
      return this;
    }

    /** The receiver; nothing is bound until {@link CarbonReceiver#start}. */
    public CarbonReceiver build() {
      if (tcpAddress == null && udpAddress == null && pickleAddress == null) {
        throw new IllegalStateException("configure at least one listener");
      }
      return new CarbonReceiver(this);
    }
  }
}
