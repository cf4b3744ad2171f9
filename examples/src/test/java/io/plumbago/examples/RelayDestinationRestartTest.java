package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.carbon.CarbonClient;
import io.plumbago.carbon.ClientStats;
import io.plumbago.carbon.Destination;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay's destination, the real {@code plumbago cache}, is stopped with SIGTERM mid-stream and started again on the
 * same port: the relay's client spills to disk meanwhile, and every point is received exactly once (the two
 * processes' receive counts add up to what was sent) and is in the whisper files.
 */
class RelayDestinationRestartTest {
  private static final Pattern RECEIVED = Pattern.compile("ReceiverStats\\[connections=\\d+, lines=(\\d+), points=(\\d+)");
  private static final int METRICS = 1_000;
  private static final int POINTS_PER_METRIC = 100;

  @TempDir
  Path dir;

  @Test
  void everyPointArrivesOnceAcrossADestinationRestart() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path data = dir.resolve("whisper");
    Path schemas = dir.resolve("storage-schemas.conf");
    Files.writeString(schemas, "[all]\npattern = .*\nretentions = 60s:3h\n");
    String[] args = {"cache", "--listen", "127.0.0.1:" + port, "--data", data.toString(), "--schemas",
        schemas.toString(), "--wal", dir.resolve("wal").toString(), "--metric-interval", "0"};
    long now = System.currentTimeMillis() / 1000;
    long base = now - now % 60;
    int total = METRICS * POINTS_PER_METRIC;
    long received = 0;
    ClientStats stats;
    try (CarbonClient relay = CarbonClient.builder(new Destination("127.0.0.1", port, null))
        .maxQueuedPoints(2_000).spillDirectory(dir.resolve("spill"), 1L << 30).build()) {
      ProgramProcess first = new ProgramProcess(1, args);
      for (int index = 0; index < total; index++) {
        int k = index / METRICS;
        relay.accept("restart.m" + (index % METRICS), base - (POINTS_PER_METRIC - k) * 60L, index);
        if (index == total / 3) {
          int status = first.terminate(); // SIGTERM mid-stream: it half-closes, reads what is in flight, drains
          assertTrue(status == 0 || status == 143, "exit status " + status);
          received += receivedBy(first);
          first.close();
        } else if (index == total * 2 / 3) {
          first = new ProgramProcess(1, args); // back on the same port
        }
        if (index % 500 == 0) {
          Thread.sleep(1);
        }
      }
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (relay.stats().queued() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      relay.close(10_000);
      stats = relay.stats();
      int status = first.terminate();
      assertTrue(status == 0 || status == 143, "exit status " + status);
      received += receivedBy(first);
      first.close();
    }
    assertEquals(0, stats.dropped(), stats.toString());
    assertTrue(stats.spilled() > 0, "the destination was away long enough to spill: " + stats);
    assertEquals(total, received, "points the two cache processes received, together: " + stats);
    int stored = 0;
    try (WhisperDatabase database = WhisperDatabase.builder(data).schemas(StorageSchemas.parse(schemas)).build()) {
      for (int i = 0; i < METRICS; i++) {
        FetchResult fetched = database.fetch("restart.m" + i, base - (POINTS_PER_METRIC + 1) * 60L, base,
            System.currentTimeMillis() / 1000);
        for (int s = 0; s < fetched.values().length; s++) {
          double value = fetched.values()[s];
          if (!Double.isNaN(value)) {
            int k = POINTS_PER_METRIC - (int) ((base - fetched.timestampAt(s)) / 60);
            assertEquals((double) (k * METRICS + i), value, "restart.m" + i + " point " + k);
            stored++;
          }
        }
      }
    }
    assertEquals(total, stored, "every point is in the whisper files");
  }

  /** Points the cache process says it received, from its stop line. */
  private static long receivedBy(ProgramProcess cache) throws Exception {
    Matcher m = RECEIVED.matcher(cache.log());
    assertTrue(m.find(), "the cache did not log its stop line:\n" + cache.log());
    return Long.parseLong(m.group(2));
  }
}
