package io.plumbago.carbon.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.plumbago.carbon.CarbonProtocolException;
import io.plumbago.carbon.PointSink;
import io.plumbago.carbon.codec.PickleMetrics;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the frames a {@code LengthFieldBasedFrameDecoder} cut from a pickle stream (4-byte big-endian length, then
 * the body) and hands their points to the sink. A frame that is not a valid pickle is counted and dropped and the
 * connection stays open, as in carbon; a frame over the size limit closes the connection.
 */
@ChannelHandler.Sharable
public final class PickleHandler extends StreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(PickleHandler.class);
  private final PickleMetrics pickle;
  private final LongSupplier nowSeconds;
  private final RateLimitedLog log;

  /** A handler decoding frames of at most {@code maxObjects} values into {@code sink}. */
  public PickleHandler(int maxObjects, PointSink sink, LongSupplier nowSeconds, ReceiverCounters counters) {
    this(maxObjects, sink, nowSeconds, counters, new RateLimitedLog(LOG, 10_000));
  }

  private PickleHandler(int maxObjects, PointSink sink, LongSupplier nowSeconds, ReceiverCounters counters,
      RateLimitedLog log) {
    super(new CountingSink(sink, counters, log), counters);
    this.log = log;
    this.pickle = new PickleMetrics(maxObjects);
    this.nowSeconds = nowSeconds;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    counters.frames.increment();
    byte[] body = ByteBufUtil.getBytes(frame);
    try {
      int skipped = pickle.decode(body, 0, body.length, nowSeconds.getAsLong(), sink);
      if (skipped > 0) {
        counters.badLines.add(skipped);
        log.warn(skipped + " malformed elements skipped in a pickle from " + ctx.channel().remoteAddress());
      }
    } catch (CarbonProtocolException e) {
      counters.badFrames.increment();
      log.warn(e.getMessage() + " from " + ctx.channel().remoteAddress());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      counters.badFrames.increment();
      log.warn("pickle frame too long from " + ctx.channel().remoteAddress() + ", closing: " + cause.getMessage());
    } else {
      LOG.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
