package io.plumbago.carbon.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Cuts a plaintext TCP stream into lines and hands each straight to a {@link PlaintextHandler}, in place of Netty's
 * {@code LineBasedFrameDecoder} and one buffer slice and pipeline hop per line: each read is copied once into this
 * connection's array, lines are parsed there, and a partial last line waits for the next read. Lines end at
 * {@code \n} (a {@code \r} before it is dropped); a line longer than {@code maxLineBytes} closes the connection, as
 * carbon does, and a partial line at the end of the stream is dropped, as Twisted drops it. One per connection; the
 * channel's other events pass on to the {@link PlaintextHandler} behind it.
 */
public final class PlaintextFramer extends ChannelInboundHandlerAdapter {
  private final PlaintextHandler lines;
  private final int maxLineBytes;
  private byte[] buffer = new byte[64 * 1024];
  private int carried; // bytes of a partial line at the start of buffer

  /** A framer for one connection, handing lines of at most {@code maxLineBytes} bytes to {@code lines}. */
  public PlaintextFramer(PlaintextHandler lines, int maxLineBytes) {
    this.lines = lines;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      int incoming = in.readableBytes();
      if (buffer.length < carried + incoming) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, carried + incoming));
      }
      in.getBytes(in.readerIndex(), buffer, carried, incoming);
      int total = carried + incoming;
      int lineStart = 0;
      Object peer = null;
      for (int i = carried; i < total; i++) {
        if (buffer[i] == '\n') {
          if (i - lineStart > maxLineBytes) {
            tooLong(ctx);
            return;
          }
          int end = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
          if (peer == null) {
            peer = new LazyPeer(ctx);
          }
          lines.handleLine(buffer, lineStart, end, peer);
          lineStart = i + 1;
        }
      }
      carried = total - lineStart;
      if (carried > maxLineBytes) {
        tooLong(ctx);
        return;
      }
      System.arraycopy(buffer, lineStart, buffer, 0, carried);
    } finally {
      in.release();
    }
  }

  private void tooLong(ChannelHandlerContext ctx) {
    carried = 0;
    lines.lineTooLong(ctx, maxLineBytes);
  }

  /** The peer's address, formatted only when a bad line is logged. */
  private record LazyPeer(ChannelHandlerContext ctx) {
    @Override
    public String toString() {
      return String.valueOf(ctx.channel().remoteAddress());
    }
  }
}
