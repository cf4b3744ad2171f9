package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.carbon.CarbonLinkServer;
import io.plumbago.carbon.MetricCache;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.testing.Peers;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real graphite-web reads points that are only in Plumbago's cache, through Plumbago's CarbonLink. */
@Tag("interop")
class GraphiteWebCarbonLinkTest {
  @TempDir
  Path dir;

  @Test
  void graphiteWebMergesPointsStillInOurCacheIntoItsGraphs() throws Exception {
    Peers.require("graphite-web", Files.isExecutable(GraphiteWeb.MANAGE));
    long now = System.currentTimeMillis() / 1000;
    long step = now - now % 10;
    Path whisper = dir.resolve("whisper");
    try (WhisperDatabase db = WhisperDatabase.builder(whisper)
        .schemas(StorageSchemas.uniform(Retention.parseList("10s:1d"))).build()) {
      db.write("app.cached", new long[] {step - 60}, new double[] {1.5}, 1, now);
    }
    CountDownLatch never = new CountDownLatch(1);
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
      try {
        never.await(); // nothing reaches the file: graphite-web can only learn of it through CarbonLink
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).build();
    cache.accept("app.cached", step - 20, 9.25);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (CarbonLinkServer link = new CarbonLinkServer(cache, new InetSocketAddress("127.0.0.1", 0), m -> "average")) {
      link.start();
      try (GraphiteWeb web = new GraphiteWeb(whisper, port, List.of("127.0.0.1:" + link.address().getPort()),
          dir.resolve("graphite-web"))) {
        String body = StackEndToEndTest.Awaits.render("http://127.0.0.1:" + port
            + "/render?target=app.cached&from=-5min&format=json", "[9.25, " + (step - 20) + "]");
        assertTrue(body.contains("[1.5, " + (step - 60) + "]"), "the file's point is there too: " + body);
      }
    } finally {
      never.countDown();
      cache.close();
    }
  }
}
