package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.carbon.codec.PickleDecoder;
import io.plumbago.carbon.codec.PickleTuple;
import io.plumbago.carbon.codec.PickleWriter;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plumbago cache --wal} killed with SIGKILL while a million points stream in: after a restart every point
 * it had acknowledged (shown to graphite-web through CarbonLink) is in the whisper files, and what is stored is
 * exactly a prefix of the stream, every value right.
 */
class CacheCrashTest {
  private static final int METRICS = 10_000;
  private static final int POINTS_PER_METRIC = 100;
  private static final int TOTAL = METRICS * POINTS_PER_METRIC;
  private static final int FAST_HALF = TOTAL / 2;

  @TempDir
  Path dir;

  private long base;

  /** The stream: index {@code k * METRICS + i} is point k of metric i. */
  private String line(int index) {
    int i = index % METRICS;
    int k = index / METRICS;
    return "crash.m" + i + " " + value(i, k) + " " + timestamp(k) + "\n";
  }

  private static long value(int i, int k) {
    return (long) i * POINTS_PER_METRIC + k;
  }

  private long timestamp(int k) {
    return base - (long) (POINTS_PER_METRIC - k) * 60;
  }

  @Test
  void killedMidStreamItLosesNothingItAcknowledged() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    base = now - now % 60;
    Path data = dir.resolve("whisper");
    Path schemas = dir.resolve("storage-schemas.conf");
    Files.writeString(schemas, "[all]\npattern = .*\nretentions = 60s:3h\n");
    String[] args = {"cache", "--listen", "127.0.0.1:0", "--carbonlink-listen", "127.0.0.1:0", "--data",
        data.toString(), "--schemas", schemas.toString(), "--wal", dir.resolve("wal").toString(), "--wal-fsync",
        "batch", "--metric-interval", "0"};

    Map<Integer, Map<Long, Double>> acknowledged = new HashMap<>();
    String firstLog;
    String secondLog;
    AtomicLong sent = new AtomicLong();
    try (ProgramProcess cache = new ProgramProcess(2, args)) {
      CountDownLatch halfway = new CountDownLatch(1);
      Thread sender = new Thread(() -> send(cache.ports().get("carbon-plaintext-tcp"), sent, halfway), "sender");
      sender.setDaemon(true);
      sender.start();
      assertTrue(halfway.await(120, TimeUnit.SECONDS), "the first half was not sent in 2 minutes");
      Thread.sleep(200); // let the cache take some of it in and write some of it out
      // Acknowledged: what the cache shows graphite-web. Ask for every metric, then kill at once.
      try (Socket link = new Socket("127.0.0.1", cache.ports().get("carbonlink"))) {
        for (int from = 0; from < METRICS; from += 1_000) {
          acknowledged.putAll(cacheQueryBulk(link, from, Math.min(METRICS, from + 1_000)));
        }
      }
      cache.kill();
      sender.join(10_000);
      firstLog = cache.log();
    }
    long acknowledgedPoints = acknowledged.values().stream().mapToLong(Map::size).sum();
    assertTrue(acknowledgedPoints > 0, "CarbonLink showed no points before the kill");

    try (ProgramProcess restarted = new ProgramProcess(2, args)) {
      int status = restarted.terminate(); // replays the log, then SIGTERM writes everything down
      secondLog = restarted.log();
      assertTrue(status == 0 || status == 143, "exit status " + status + "\n" + secondLog);
    }
    String logs = "\nbefore the kill:\n" + tail(firstLog) + "\nafter the restart:\n" + tail(secondLog);
    try (var left = Files.list(dir.resolve("wal"))) {
      assertEquals(List.of(), left.toList(), "a clean stop after the replay leaves no log behind" + logs);
    }

    boolean[] stored = new boolean[TOTAL];
    int storedCount = 0;
    try (WhisperDatabase database = WhisperDatabase.builder(data)
        .schemas(StorageSchemas.parse(schemas)).build()) {
      for (int i = 0; i < METRICS; i++) {
        String metric = "crash.m" + i;
        Map<Long, Double> acked = acknowledged.getOrDefault(i, Map.of());
        if (!database.exists(metric)) {
          assertTrue(acked.isEmpty(), metric + " was acknowledged but has no file");
          continue;
        }
        FetchResult fetched = database.fetch(metric, timestamp(0) - 60, base, System.currentTimeMillis() / 1000);
        Map<Long, Double> onDisk = new HashMap<>();
        for (int s = 0; s < fetched.values().length; s++) {
          if (!Double.isNaN(fetched.values()[s])) {
            onDisk.put(fetched.timestampAt(s), fetched.values()[s]);
          }
        }
        for (int k = 0; k < POINTS_PER_METRIC; k++) {
          Double value = onDisk.remove(timestamp(k));
          if (value != null) {
            assertEquals((double) value(i, k), value.doubleValue(), metric + " point " + k);
            stored[k * METRICS + i] = true;
            storedCount++;
          }
        }
        assertTrue(onDisk.isEmpty(), metric + " has points nobody sent: " + onDisk);
        for (Map.Entry<Long, Double> ack : acked.entrySet()) {
          int k = POINTS_PER_METRIC - (int) ((base - ack.getKey()) / 60);
          assertTrue(k >= 0 && k < POINTS_PER_METRIC && stored[k * METRICS + i],
              metric + " lost the acknowledged point " + ack + logs);
        }
      }
    }
    for (int index = 0; index < TOTAL; index++) {
      assertEquals(index < storedCount, stored[index],
          "stored points are not a prefix of the stream at " + index + " (" + storedCount + " stored)");
    }
    assertTrue(storedCount < TOTAL, "the kill came after everything was sent; nothing was tested");
    System.out.printf("crash test: %d of %d points sent before the kill, %d acknowledged through CarbonLink, "
        + "%d stored after the restart%n", sent.get(), TOTAL, acknowledgedPoints, storedCount);
  }

  private static String tail(String log) {
    String[] lines = log.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }

  /** Sends the first half as fast as it goes, then the rest slowly so the kill lands mid-stream. */
  private void send(int port, AtomicLong sent, CountDownLatch halfway) {
    try (Socket socket = new Socket("127.0.0.1", port);
         OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
      for (int index = 0; index < TOTAL; index++) {
        out.write(line(index).getBytes(StandardCharsets.US_ASCII));
        sent.incrementAndGet();
        if (index + 1 == FAST_HALF) {
          out.flush();
          halfway.countDown();
        } else if (index >= FAST_HALF && index % 1_000 == 0) {
          out.flush();
          Thread.sleep(5);
        }
      }
      out.flush();
    } catch (IOException e) {
      // the cache was killed under us
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** carbon's cache-query-bulk for metrics {@code from..until-1}: metric index to timestamp to value. */
  private static Map<Integer, Map<Long, Double>> cacheQueryBulk(Socket link, int from, int until)
      throws IOException {
    List<Object> names = new ArrayList<>();
    for (int i = from; i < until; i++) {
      names.add("crash.m" + i);
    }
    byte[] request = PickleWriter.write(Map.of("type", "cache-query-bulk", "metrics", names));
    DataOutputStream out = new DataOutputStream(link.getOutputStream());
    out.writeInt(request.length);
    out.write(request);
    out.flush();
    DataInputStream in = new DataInputStream(link.getInputStream());
    byte[] response = new byte[in.readInt()];
    in.readFully(response);
    Object decoded = new PickleDecoder(50_000_000, 64).decode(response, 0, response.length);
    Map<?, ?> byMetric = (Map<?, ?>) ((Map<?, ?>) decoded).get("datapointsByMetric");
    Map<Integer, Map<Long, Double>> result = new HashMap<>();
    for (Map.Entry<?, ?> e : byMetric.entrySet()) {
      int metric = Integer.parseInt(((String) e.getKey()).substring("crash.m".length()));
      Map<Long, Double> points = new HashMap<>();
      for (Object point : (List<?>) e.getValue()) {
        List<?> pair = point instanceof PickleTuple t ? t.items() : (List<?>) point;
        points.put(((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).doubleValue());
      }
      if (!points.isEmpty()) {
        result.put(metric, points);
      }
    }
    return result;
  }
}
