package io.plumbago.carbon;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.plumbago.carbon.codec.PickleDecoder;
import io.plumbago.carbon.codec.PickleTuple;
import io.plumbago.carbon.codec.PickleWriter;
import io.plumbago.carbon.server.RateLimitedLog;
import io.plumbago.carbon.server.Transports;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * graphite-web's side of CarbonLink: asks the carbon cache that holds a metric (chosen on carbon's consistent-hash
 * ring of the caches, as graphite-web's {@code CARBONLINK_HOSTS} does) for the points not yet written to whisper.
 * Connections are kept open and reused, one request at a time each. A cache that does not answer within the timeout
 * gives no points, is logged (rate-limited), and is skipped for {@code retryDelayMillis}, as graphite-web does.
 * Thread-safe; {@link #close} when done.
 */
public final class CarbonLinkClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CarbonLinkClient.class);
  private static final int MAX_ANSWER_BYTES = 64 << 20;
  private final ConsistentHashRing ring;
  private final long timeoutMillis;
  private final long retryDelayMillis;
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final Map<Destination, ConcurrentLinkedQueue<Channel>> idle = new ConcurrentHashMap<>();
  private final Map<Destination, Long> failedAtMillis = new ConcurrentHashMap<>();
  private final PickleDecoder decoder = new PickleDecoder(10_000_000, 16);
  private final RateLimitedLog log = new RateLimitedLog(LOG, 10_000);

  private CarbonLinkClient(List<Destination> caches, long timeoutMillis, long retryDelayMillis) {
    this.ring = ConsistentHashRing.of(caches, ConsistentHashRing.HashType.CARBON_CH);
    this.timeoutMillis = timeoutMillis;
    this.retryDelayMillis = retryDelayMillis;
    Transports transports = Transports.best();
    this.group = transports.group(1, "carbonlink-client");
    this.bootstrap = new Bootstrap().group(group).channel(transports.socketChannel())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .option(ChannelOption.SO_KEEPALIVE, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_ANSWER_BYTES, 0, 4, 0, 4, true),
                new AnswerHandler());
          }
        });
  }

  /**
   * A client of {@code caches} (carbon's {@code HOST:PORT[:INSTANCE]}), with graphite-web's defaults: a 1 s timeout
   * ({@code CARBONLINK_TIMEOUT}) and a 60 s pause after a failure ({@code CARBONLINK_RETRY_DELAY}).
   */
  public static CarbonLinkClient of(List<Destination> caches) {
    return new CarbonLinkClient(List.copyOf(caches), 1_000, 60_000);
  }

  /** As {@link #of(List)} with another timeout and retry delay, in milliseconds. */
  public static CarbonLinkClient of(List<Destination> caches, long timeoutMillis, long retryDelayMillis) {
    return new CarbonLinkClient(List.copyOf(caches), timeoutMillis, retryDelayMillis);
  }

  /** The cache a metric's points live in. */
  public Destination cacheFor(String metric) {
    return ring.nodeFor(metric);
  }

  /**
   * The points the owning cache holds for {@code metric}, in its order; empty when it holds none or cannot be asked
   * (failures are logged, never thrown).
   */
  public List<CachedPoint> query(String metric) {
    Destination cache = ring.nodeFor(metric);
    Long failed = failedAtMillis.get(cache);
    if (failed != null && System.currentTimeMillis() - failed < retryDelayMillis) {
      return List.of();
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", "cache-query");
    request.put("metric", metric);
    try {
      Object answer = ask(cache, PickleWriter.write(request));
      return points(answer);
    } catch (IOException | RuntimeException e) {
      failedAtMillis.put(cache, System.currentTimeMillis());
      log.warn("CarbonLink query of " + metric + " at " + cache + " failed: " + e);
      return List.of();
    }
  }

  private Object ask(Destination cache, byte[] request) throws IOException {
    Channel channel = idle.computeIfAbsent(cache, c -> new ConcurrentLinkedQueue<>()).poll();
    while (channel != null && !channel.isActive()) {
      channel = idle.get(cache).poll();
    }
    try {
      if (channel == null) {
        channel = bootstrap.connect(cache.host(), cache.port()).syncUninterruptibly().channel();
      }
      AnswerHandler handler = channel.pipeline().get(AnswerHandler.class);
      CompletableFuture<byte[]> answer = new CompletableFuture<>();
      handler.pending = answer;
      // a pooled connection the cache closed just now fails the write: fail the request at once, not at the timeout
      channel.writeAndFlush(channel.alloc().buffer(4 + request.length).writeInt(request.length)
          .writeBytes(request)).addListener(f -> {
            if (!f.isSuccess()) {
              answer.completeExceptionally(f.cause());
            }
          });
      byte[] body = answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
      idle.get(cache).add(channel);
      channel = null;
      return decoder.decode(body, 0, body.length);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("no answer within " + timeoutMillis + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      if (channel != null) {
        channel.close();
      }
    }
  }

  private static List<CachedPoint> points(Object answer) {
    if (!(answer instanceof Map<?, ?> map)) {
      throw new CarbonProtocolException("a CarbonLink answer is a dict");
    }
    if (map.get("error") != null) {
      throw new CarbonProtocolException("the cache answered: " + map.get("error"));
    }
    List<CachedPoint> out = new ArrayList<>();
    if (map.get("datapoints") instanceof List<?> points) {
      for (Object p : points) {
        List<?> pair = p instanceof PickleTuple t ? t.items() : p instanceof List<?> l ? l : null;
        if (pair != null && pair.size() == 2 && pair.get(0) instanceof Number ts && pair.get(1) instanceof Number v) {
          out.add(new CachedPoint(ts.longValue(), v.doubleValue()));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    idle.values().forEach(q -> q.forEach(Channel::close));
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Hands each answer frame to the request waiting on its connection. */
  private static final class AnswerHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private volatile CompletableFuture<byte[]> pending;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      CompletableFuture<byte[]> p = pending;
      if (p != null) {
        p.complete(ByteBufUtil.getBytes(frame));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      CompletableFuture<byte[]> p = pending;
      if (p != null) {
        p.completeExceptionally(new IOException("connection closed"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      CompletableFuture<byte[]> p = pending;
      if (p != null) {
        p.completeExceptionally(cause);
      }
      ctx.close();
    }
  }
}
