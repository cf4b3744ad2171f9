package io.plumbago.carbon.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.plumbago.carbon.CarbonProtocolException;
import io.plumbago.carbon.PointSink;
import io.plumbago.carbon.codec.PlaintextLineParser;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the lines a {@link PlaintextFramer} cut from a plaintext TCP stream (or the UDP handler from a datagram) and
 * hands their points to the sink.
 * A bad line is counted and logged at a limited rate, and the connection stays open; a line over the length limit
 * closes the connection as carbon does (the lines before it were already taken).
 */
@ChannelHandler.Sharable
public final class PlaintextHandler extends StreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PlaintextHandler.class);
  private final PlaintextLineParser parser = new PlaintextLineParser();
  private final LongSupplier nowSeconds;
  private final RateLimitedLog badLineLog;

  /** A handler passing points to {@code sink}, reading "now" from {@code nowSeconds}. */
  public PlaintextHandler(PointSink sink, LongSupplier nowSeconds, ReceiverCounters counters) {
    this(sink, nowSeconds, counters, new RateLimitedLog(LOG, 10_000));
  }

  private PlaintextHandler(PointSink sink, LongSupplier nowSeconds, ReceiverCounters counters, RateLimitedLog log) {
    // Count here whether the sink took each point, so a refusal is never mistaken for a bad line.
    super(new CountingSink(sink, counters, log), counters);
    this.badLineLog = log;
    this.nowSeconds = nowSeconds;
  }

  /** Without a {@link PlaintextFramer} in front, each message is taken as one line. */
  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    byte[] bytes = io.netty.buffer.ByteBufUtil.getBytes(line);
    handleLine(bytes, 0, bytes.length, ctx.channel().remoteAddress());
  }

  /**
   * Parses the line in {@code bytes[start, end)} and counts the outcome; for {@link PlaintextFramer} and the UDP
   * handler.
   */
  void handleLine(byte[] bytes, int start, int end, Object peer) { // peer is formatted only when a line is bad
    counters.lines.increment();
    try {
      parser.parse(bytes, start, end, nowSeconds.getAsLong(), sink);
    } catch (CarbonProtocolException e) {
      counters.badLines.increment();
      badLineLog.warn(e.getMessage() + " from " + peer);
    }
  }

  /** A line over the limit: counted, logged, and the connection closed, as carbon does. */
  void lineTooLong(ChannelHandlerContext ctx, int maxLineBytes) {
    counters.badLines.increment();
    badLineLog.warn("line too long from " + ctx.channel().remoteAddress() + ", closing: over " + maxLineBytes
        + " bytes");
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
