package io.plumbago.carbon;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.plumbago.carbon.codec.PickleMetrics;
import io.plumbago.carbon.relay.SpillQueue;
import io.plumbago.carbon.server.Transports;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends points to one carbon destination, over plaintext or pickle (carbon-relay's framing), from a bounded queue:
 * {@link #accept} never blocks; while the destination is down points wait in the queue and the client reconnects
 * with a backoff (100 ms doubling to 5 s); when the queue is full new points are dropped and counted. Batches of up to
 * 500 points go out per write, as carbon's {@code MAX_DATAPOINTS_PER_MESSAGE}. A batch whose write fails is queued
 * again. {@link #close} sends what is queued (for up to the given time) and disconnects.
 *
 * <p>With a spill folder ({@link Builder#spillDirectory}) points that do not fit in memory go to a {@link
 * io.plumbago.carbon.relay.SpillQueue} on disk instead of being dropped, are sent once memory has drained, and
 * whatever is still queued at {@link #close} is kept there for the next client on that folder.
 *
 * <p>A destination that stops gracefully (a Plumbago receiver closing) half-closes each connection and reads on;
 * on that signal the client stops writing, lets what it wrote drain, and closes, so every point it counted as sent
 * was read and nothing is sent twice. Thread-safe.
 */
public final class CarbonClient implements PointSink, AutoCloseable {
  /** The wire format. */
  public enum Protocol {
    /** {@code path value timestamp\n} lines (port 2003). */
    PLAINTEXT,
    /** Length-prefixed pickle frames (port 2004). */
    PICKLE
  }

  private record Point(String metric, long timestampSeconds, double value) {}

  private static final Logger LOG = LoggerFactory.getLogger(CarbonClient.class);
  private static final int BATCH = 500;
  private static final long MIN_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final Destination destination;
  private final Protocol protocol;
  private final ArrayBlockingQueue<Point> queue;
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong spilled = new AtomicLong();
  private final SpillQueue spill;
  private volatile boolean spilling;
  private volatile Channel channel;
  private volatile boolean closing;
  private long backoffMillis = MIN_BACKOFF_MILLIS;

  private CarbonClient(Builder builder) {
    this.destination = builder.destination;
    this.protocol = builder.protocol;
    this.queue = new ArrayBlockingQueue<>(builder.maxQueuedPoints);
    try {
      this.spill = builder.spillDirectory == null ? null : SpillQueue.open(builder.spillDirectory, builder.maxSpillBytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot open the spill folder " + builder.spillDirectory, e);
    }
    Transports transports = Transports.best();
    this.group = transports.group(1, "carbon-client-" + destination.host() + "-" + destination.port());
    this.bootstrap = new Bootstrap().group(group).channel(transports.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .handler(new ConnectionWatcher());
    group.execute(this::connect);
    group.scheduleWithFixedDelay(this::drain, 10, 10, TimeUnit.MILLISECONDS);
  }

  /** Reconnects when the connection drops and drains when the socket can take more; one per client, reused. */
  @ChannelHandler.Sharable
  private final class ConnectionWatcher extends ChannelInboundHandlerAdapter {
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!closing) {
        scheduleConnect();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof ChannelInputShutdownEvent) {
        // The destination is stopping and reads on until we close: write nothing more, let what was written drain,
        // then close; points not yet written stay queued for the next connection.
        Channel ch = ctx.channel();
        if (channel == ch) {
          channel = null;
        }
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.fireUserEventTriggered(event);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        drain();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("connection to {} failed", destination, cause);
      ctx.close();
    }
  }

  /** A client for {@code destination}. */
  public static Builder builder(Destination destination) {
    return new Builder(destination);
  }

  /** The destination. */
  public Destination destination() {
    return destination;
  }

  /**
   * Queues a point; when the queue is full the point goes to the spill folder if there is one (and stays there
   * until the folder has been read through, to keep the order), else it is dropped and counted.
   */
  @Override
  public void accept(String metric, long timestampSeconds, double value) {
    if (closing) {
      dropped.incrementAndGet();
    } else if (spilling || !queue.offer(new Point(metric, timestampSeconds, value))) {
      spillOrDrop(metric, timestampSeconds, value);
    }
  }

  /** Puts a point in the spill folder; returns false after counting it dropped when there is none or it is full. */
  private boolean spillOrDrop(String metric, long timestampSeconds, double value) {
    if (spill != null && spill.offer(metric, timestampSeconds, value)) {
      spilling = true;
      spilled.incrementAndGet();
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /** The counters so far. */
  public ClientStats stats() {
    return new ClientStats(queue.size() + (spill == null ? 0 : Math.max(0, spill.size())), sent.get(), dropped.get(),
        connects.get(), spilled.get());
  }

  private void connect() {
    if (closing) {
      return;
    }
    bootstrap.connect(destination.host(), destination.port()).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        channel = f.channel();
        connects.incrementAndGet();
        backoffMillis = MIN_BACKOFF_MILLIS;
        drain();
      } else {
        LOG.debug("cannot connect to {}: {}", destination, f.cause().toString());
        scheduleConnect();
      }
    });
  }

  private void scheduleConnect() {
    channel = null;
    if (closing || group.isShuttingDown()) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /** Writes batches while the channel is writable; runs on the client's event loop. */
  private void drain() {
    Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      return;
    }
    if (!ch.eventLoop().inEventLoop()) {
      ch.eventLoop().execute(this::drain);
      return;
    }
    boolean wrote = false;
    while (ch.isWritable()) {
      List<Point> batch = new ArrayList<>(BATCH);
      queue.drainTo(batch, BATCH);
      if (batch.isEmpty() && spill != null) {
        spill.poll((metric, timestampSeconds, value) -> batch.add(new Point(metric, timestampSeconds, value)));
        if (batch.isEmpty() && spill.isEmpty()) {
          spilling = false;
        }
      }
      if (batch.isEmpty()) {
        break;
      }
      ChannelFuture future = ch.write(encode(ch, batch));
      future.addListener(f -> {
        if (f.isSuccess()) {
          sent.addAndGet(batch.size());
        } else {
          requeue(batch);
        }
      });
      wrote = true;
    }
    if (wrote) {
      ch.flush();
    }
  }

  private void requeue(List<Point> batch) {
    for (Point p : batch) {
      if (!queue.offer(p)) {
        spillOrDrop(p.metric(), p.timestampSeconds(), p.value());
      }
    }
  }

  private ByteBuf encode(Channel ch, List<Point> batch) {
    if (protocol == Protocol.PICKLE) {
      List<String> names = new ArrayList<>(batch.size());
      long[] ts = new long[batch.size()];
      double[] values = new double[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        names.add(batch.get(i).metric());
        ts[i] = batch.get(i).timestampSeconds();
        values[i] = batch.get(i).value();
      }
      byte[] body = PickleMetrics.encode(names, ts, values);
      ByteBuf buf = ch.alloc().buffer(body.length + 4);
      return buf.writeInt(body.length).writeBytes(body);
    }
    StringBuilder lines = new StringBuilder(batch.size() * 48);
    for (Point p : batch) {
      lines.append(p.metric()).append(' ').append(p.value()).append(' ').append(p.timestampSeconds()).append('\n');
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    return ch.alloc().buffer(bytes.length).writeBytes(bytes);
  }

  /** Sends what is queued, waiting up to {@code timeoutMillis} milliseconds, then disconnects. */
  public synchronized void close(long timeoutMillis) {
    if (group.isShuttingDown()) {
      return; // closed already
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!(queue.isEmpty() && (spill == null || spill.isEmpty())) && System.nanoTime() < deadline) {
      drain();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closing = true;
    Channel ch = channel;
    if (ch != null) {
      ch.writeAndFlush(ch.alloc().buffer(0)).awaitUninterruptibly(Math.max(1, timeoutMillis));
      ch.close().awaitUninterruptibly();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    if (spill != null) {
      // keep what could not be sent for the next client on this folder
      for (Point p = queue.poll(); p != null; p = queue.poll()) {
        spillOrDrop(p.metric(), p.timestampSeconds(), p.value());
      }
      spill.close();
    }
    dropped.addAndGet(queue.size());
    queue.clear();
  }

  /** {@link #close(long)} with ten seconds to send what is queued. */
  @Override
  public void close() {
    close(10_000);
  }

  /** Configures a {@link CarbonClient}. */
  public static final class Builder {
    private final Destination destination;
    private Protocol protocol = Protocol.PLAINTEXT;
    private int maxQueuedPoints = 100_000;
    private java.nio.file.Path spillDirectory;
    private long maxSpillBytes = 1L << 30;

    private Builder(Destination destination) {
      this.destination = Objects.requireNonNull(destination, "destination");
    }

    /** Plaintext (default) or pickle. */
    public Builder protocol(Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol);
      return this;
    }

    /** How many points may wait while the destination is slow or down (carbon's MAX_QUEUE_SIZE); 100 000. */
    public Builder maxQueuedPoints(int points) {
      if (points < 1) {
        throw new IllegalArgumentException("maxQueuedPoints must be positive: " + points);
      }
      this.maxQueuedPoints = points;
      return this;
    }

    /**
     * Spills points that do not fit in memory to {@code directory} (one folder per destination) instead of dropping
     * them, up to {@code maxBytes} bytes on disk; points left there by an earlier client are sent first.
     */
    public Builder spillDirectory(java.nio.file.Path directory, long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
      }
      this.spillDirectory = Objects.requireNonNull(directory);
      this.maxSpillBytes = maxBytes;
      return this;
    }

    /** The client, already connecting. */
    public CarbonClient build() {
      return new CarbonClient(this);
    }
  }
}
