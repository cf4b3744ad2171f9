package io.plumbago.carbon.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.plumbago.carbon.PointSink;

/**
 * What the plaintext and pickle TCP handlers share: connections are counted, and the points of each network read
 * form one batch for the sink ({@link PointSink#endOfBatch} after every read and when the connection ends).
 */
abstract class StreamHandler extends SimpleChannelInboundHandler<ByteBuf> {
  final PointSink sink;
  final ReceiverCounters counters;

  StreamHandler(PointSink sink, ReceiverCounters counters) {
    this.sink = sink;
    this.counters = counters;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    counters.connections.increment();
    ctx.fireChannelActive();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    endOfBatch();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    endOfBatch();
    ctx.fireChannelInactive();
  }

  /** Ends the batch of points this thread read (see {@link PointSink#endOfBatch}). */
  final void endOfBatch() {
    sink.endOfBatch();
  }
}
