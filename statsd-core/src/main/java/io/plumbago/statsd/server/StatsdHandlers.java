package io.plumbago.statsd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.plumbago.statsd.aggregate.Aggregator;

/** The Netty handlers that feed datagrams and TCP lines to an {@link Aggregator}. Internal. */
public final class StatsdHandlers {
  private StatsdHandlers() {}

  /**
   * Hands {@code bytes} to the aggregator without decoding them: straight from a heap buffer, else through a per-thread
   * scratch array (each I/O thread keeps its own, so datagrams cost no allocation).
   */
  private static void feed(Aggregator aggregator, ThreadLocal<byte[]> scratch, ByteBuf bytes) {
    int length = bytes.readableBytes();
    if (bytes.hasArray()) {
      aggregator.handlePacket(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), length);
      return;
    }
    byte[] buffer = scratch.get();
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
      scratch.set(buffer);
    }
    bytes.getBytes(bytes.readerIndex(), buffer, 0, length);
    aggregator.handlePacket(buffer, 0, length);
  }

  /** One UDP datagram is one statsd packet. */
  @ChannelHandler.Sharable
  public static final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Aggregator aggregator;
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[65_536]);

    /** Feeds {@code aggregator}. */
    public Datagrams(Aggregator aggregator) {
      this.aggregator = aggregator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      feed(aggregator, scratch, packet.content());
    }
  }

  /** Each newline-framed TCP line is one packet. */
  @ChannelHandler.Sharable
  public static final class Lines extends SimpleChannelInboundHandler<ByteBuf> {
    private final Aggregator aggregator;
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[65_536]);

    /** Feeds {@code aggregator}. */
    public Lines(Aggregator aggregator) {
      this.aggregator = aggregator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
      feed(aggregator, scratch, line);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A line over the limit or a reset: this connection ends, the server keeps serving.
      ctx.close();
    }
  }
}
