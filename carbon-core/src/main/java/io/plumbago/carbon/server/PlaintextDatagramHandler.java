package io.plumbago.carbon.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * Splits each plaintext UDP datagram into lines and hands them to a {@link PlaintextHandler}: a bad line is counted
 * and the rest of the datagram still counts, as in carbon.
 */
@ChannelHandler.Sharable
public final class PlaintextDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private final PlaintextHandler lines;

  /** Hands lines to {@code lines}. */
  public PlaintextDatagramHandler(PlaintextHandler lines) {
    this.lines = lines;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    byte[] bytes = ByteBufUtil.getBytes(packet.content()); // one copy, then lines are parsed in place
    Object peer = packet.sender();
    int start = 0;
    while (start < bytes.length) {
      int lineEnd = start;
      while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
        lineEnd++;
      }
      if (lineEnd > start) {
        lines.handleLine(bytes, start, lineEnd, peer);
      }
      start = lineEnd + 1;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    lines.endOfBatch();
    ctx.fireChannelReadComplete();
  }
}
