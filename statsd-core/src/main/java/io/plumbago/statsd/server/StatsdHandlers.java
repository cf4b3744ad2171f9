package io.plumbago.statsd.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.plumbago.statsd.aggregate.Aggregator;
import java.nio.charset.StandardCharsets;

/** The Netty handlers that feed datagrams and TCP lines to an {@link Aggregator}. Internal. */
public final class StatsdHandlers {
  private StatsdHandlers() {}

  /** One UDP datagram is one statsd packet. */
  @ChannelHandler.Sharable
  public static final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Aggregator aggregator;

    /** Feeds {@code aggregator}. */
    public Datagrams(Aggregator aggregator) {
      this.aggregator = aggregator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      aggregator.handlePacket(packet.content().toString(StandardCharsets.UTF_8));
    }
  }

  /** Each newline-framed TCP line is one packet. */
  @ChannelHandler.Sharable
  public static final class Lines extends SimpleChannelInboundHandler<ByteBuf> {
    private final Aggregator aggregator;

    /** Feeds {@code aggregator}. */
    public Lines(Aggregator aggregator) {
      this.aggregator = aggregator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
      aggregator.handlePacket(line.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A line over the limit or a reset: this connection ends, the server keeps serving.
      ctx.close();
    }
  }
}
