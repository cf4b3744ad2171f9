package io.plumbago.carbon.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.plumbago.carbon.CachedPoint;
import io.plumbago.carbon.CarbonProtocolException;
import io.plumbago.carbon.MetricCache;
import io.plumbago.carbon.codec.PickleDecoder;
import io.plumbago.carbon.codec.PickleTuple;
import io.plumbago.carbon.codec.PickleWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * carbon's cache query protocol (CarbonLink), one request and one answer per length-prefixed pickle frame, several
 * per connection: {@code cache-query}, {@code cache-query-bulk}, {@code get-metadata} and {@code set-metadata}
 * (aggregationMethod), answered
 * with carbon's dicts in pickle protocol 2. A request that is not a valid pickle dict is answered with an error.
 */
@ChannelHandler.Sharable
public final class CarbonLinkHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger LOG = LoggerFactory.getLogger(CarbonLinkHandler.class);
  private final MetricCache cache;
  private final Function<String, String> aggregationMethod;
  private final java.util.function.BinaryOperator<String> setAggregationMethod;
  private final PickleDecoder decoder = new PickleDecoder(1_000_000, 64);
  private final RateLimitedLog log = new RateLimitedLog(LOG, 10_000);

  /**
   * Answers from {@code cache}; {@code aggregationMethod} names a metric's method and {@code setAggregationMethod}
   * changes it, returning the old one (both throw for an unknown metric or method).
   */
  public CarbonLinkHandler(MetricCache cache, Function<String, String> aggregationMethod,
      java.util.function.BinaryOperator<String> setAggregationMethod) {
    this.cache = cache;
    this.aggregationMethod = aggregationMethod;
    this.setAggregationMethod = setAggregationMethod;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    Map<String, Object> answer;
    try {
      answer = answer(decoder.decode(ByteBufUtil.getBytes(frame), 0, frame.readableBytes()));
    } catch (CarbonProtocolException e) {
      log.warn("invalid CarbonLink request from " + ctx.channel().remoteAddress() + ": " + e.getMessage());
      answer = Map.of("error", e.getMessage());
    }
    byte[] body = PickleWriter.write(answer);
    ctx.writeAndFlush(ctx.alloc().buffer(4 + body.length).writeInt(body.length).writeBytes(body));
  }

  private Map<String, Object> answer(Object request) {
    if (!(request instanceof Map<?, ?> map)) {
      throw new CarbonProtocolException("a request is a dict");
    }
    Object type = map.get("type");
    Map<String, Object> answer = new LinkedHashMap<>();
    if ("cache-query".equals(type)) {
      answer.put("datapoints", points(String.valueOf(map.get("metric"))));
    } else if ("cache-query-bulk".equals(type)) {
      Map<String, Object> byMetric = new LinkedHashMap<>();
      if (map.get("metrics") instanceof List<?> metrics) {
        for (Object metric : metrics) {
          byMetric.put(String.valueOf(metric), points(String.valueOf(metric)));
        }
      }
      answer.put("datapointsByMetric", byMetric);
    } else if ("get-metadata".equals(type)) {
      if (!"aggregationMethod".equals(map.get("key"))) {
        answer.put("error", "Unsupported metadata key \"" + map.get("key") + "\"");
      } else {
        try {
          answer.put("value", aggregationMethod.apply(String.valueOf(map.get("metric"))));
        } catch (RuntimeException e) {
          answer.put("error", String.valueOf(e.getMessage()));
        }
      }
    } else if ("set-metadata".equals(type)) {
      if (!"aggregationMethod".equals(map.get("key"))) {
        answer.put("error", "Unsupported metadata key \"" + map.get("key") + "\"");
      } else {
        try {
          String value = String.valueOf(map.get("value"));
          String old = setAggregationMethod.apply(String.valueOf(map.get("metric")), value);
          answer.put("old_value", old);
          answer.put("new_value", value);
        } catch (RuntimeException e) {
          answer.put("error", String.valueOf(e.getMessage()));
        }
      }
    } else {
      answer.put("error", "Invalid request type \"" + type + "\"");
    }
    return answer;
  }

  private List<Object> points(String metric) {
    List<Object> out = new ArrayList<>();
    for (CachedPoint p : cache.query(metric)) {
      out.add(new PickleTuple(List.of(p.timestampSeconds(), p.value())));
    }
    return out;
  }
}
