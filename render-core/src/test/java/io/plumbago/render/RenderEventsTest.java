package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.plumbago.whisper.WhisperDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code events(...)} reads the {@link EventSource}; handlers mounted before the render API answer their paths. */
class RenderEventsTest {
  private static final long NOW = 1_700_000_010L;
  /** (when, tags) of the stored events. */
  private static final Map<Double, List<String>> EVENTS = Map.of(
      1_700_000_001.5, List.of("deploy", "web"), 1_700_000_001.9, List.of("deploy"), 1_700_000_004.0, List.of("web"),
      1_700_000_010.0, List.of("deploy"));
  @TempDir
  Path dir;
  private final List<List<String>> asked = new ArrayList<>();

  private void events(List<String> tags, long from, long until, java.util.function.DoubleConsumer out) {
    asked.add(tags);
    EVENTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .filter(e -> e.getKey() >= from && e.getKey() <= until)
        .filter(e -> tags == null || e.getValue().containsAll(tags))
        .forEach(e -> out.accept(e.getKey()));
  }

  @ChannelHandler.Sharable
  static final class Hello extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest r && r.uri().equals("/hello")) {
        ReferenceCountUtil.release(msg);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8));
        HttpUtil.setContentLength(response, 2);
        ctx.writeAndFlush(response);
        return;
      }
      ctx.fireChannelRead(msg);
    }
  }

  @Test
  void eventsCountsEachSecondsEventsAndOtherHandlersComeFirst() throws Exception {
    try (WhisperDatabase db = WhisperDatabase.builder(dir).build();
         RenderServer server = RenderServer.builder(db).bind(new InetSocketAddress("127.0.0.1", 0))
             .clock(() -> NOW).events(this::events).handlerBefore(Hello::new).build()) {
      server.start();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.address().getPort();
      assertEquals("hi", http.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String target = URLEncoder.encode("events(\"deploy\", 'web')", StandardCharsets.UTF_8);
      String body = http.send(HttpRequest.newBuilder(URI.create(base + "/render?format=json&from=1700000000"
          + "&until=1700000005&target=" + target + "&target=events(%22*%22)&target=events()")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertEquals("[{\"target\": \"events(\\\"deploy\\\", \\\"web\\\")\", \"tags\": {\"name\": "
          + "\"events(\\\"deploy\\\", \\\"web\\\")\"}, \"datapoints\": [[null, 1700000000], [1, 1700000001], "
          + "[null, 1700000002], [null, 1700000003], [null, 1700000004]]}, "
          + "{\"target\": \"events(\\\"*\\\")\", \"tags\": {\"name\": \"events(\\\"*\\\")\"}, \"datapoints\": "
          + "[[null, 1700000000], [2, 1700000001], [null, 1700000002], [null, 1700000003], [1, 1700000004]]}, "
          + "{\"target\": \"events(\\\"\\\")\", \"tags\": {\"name\": \"events(\\\"\\\")\"}, \"datapoints\": "
          + "[[null, 1700000000], [null, 1700000001], [null, 1700000002], [null, 1700000003], [null, 1700000004]]}]",
          body);
      // "*" asks for every event (null tags); events() with no tag never asks
      assertEquals(java.util.Arrays.asList(List.of("deploy", "web"), null), asked);
      assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(base + "/render?format=json&target="
          + URLEncoder.encode("events(deploy)", StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }
}
