package io.plumbago.carbon.server;

import io.netty.buffer.ByteBuf;
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
    ByteBuf content = packet.content();
    Object peer = packet.sender();
    int end = content.writerIndex();
    int start = content.readerIndex();
    while (start < end) {
      int newline = content.indexOf(start, end, (byte) '\n');
      int lineEnd = newline < 0 ? end : newline;
      if (lineEnd > start) {
        lines.handleLine(content.slice(start, lineEnd - start), peer);
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
