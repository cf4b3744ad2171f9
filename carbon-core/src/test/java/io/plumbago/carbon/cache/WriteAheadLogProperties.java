package io.plumbago.carbon.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of the write-ahead log's records: whatever was appended replays exactly, a log cut at any byte
 * replays exactly the records before the cut, and arbitrary bytes as a segment never make opening fail.
 */
class WriteAheadLogProperties {
  @TempDir
  Path dir;

  static long[] seeds() {
    long[] seeds = new long[60];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0x3a1_0000L + i;
    }
    return seeds;
  }

  record Point(String metric, long timestampSeconds, double value, long segment) {}

  private static String randomName(SplittableRandom random) {
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 40);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      name.appendCodePoint(kind < 7 ? 'a' + random.nextInt(26) : kind < 9 ? '.' : 0x80 + random.nextInt(0x3000));
    }
    return name.toString();
  }

  private static List<Point> replay(Path wal) throws IOException {
    List<Point> points = new ArrayList<>();
    WriteAheadLog.open(wal, 1 << 20, 0, (m, t, v, s) -> points.add(new Point(m, t, v, s))).close();
    return points;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void appendedBatchesReplayExactlyAndACutLosesOnlyTheRecordsAfterIt(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path wal = dir.resolve("wal");
    List<List<Point>> records = new ArrayList<>();
    List<Long> recordEnds = new ArrayList<>();
    WalBatch batch = new WalBatch();
    try (WriteAheadLog log = WriteAheadLog.open(wal, Long.MAX_VALUE, 0, (m, t, v, s) -> fail("empty log"))) {
      int batches = 1 + random.nextInt(30);
      for (int b = 0; b < batches; b++) {
        List<Point> record = new ArrayList<>();
        int points = 1 + random.nextInt(random.nextInt(5) == 0 ? 2_000 : 20);
        for (int p = 0; p < points; p++) {
          Point point = new Point(randomName(random), random.nextLong(),
              Double.longBitsToDouble(random.nextLong()), 1);
          batch.add(point.metric(), point.timestampSeconds(), point.value());
          record.add(point);
        }
        log.append(batch);
        batch.clear();
        records.add(record);
        recordEnds.add(Files.size(wal.resolve("wal-0000000000000001.log")));
      }
    }
    Path segment = wal.resolve("wal-0000000000000001.log");
    List<Point> all = records.stream().flatMap(List::stream).toList();
    assertPointsEqual(all, replay(wal), seed);

    // the next open started segment 2 and left 1 alone; cut segment 2 away and cut segment 1 at a random byte
    Files.deleteIfExists(wal.resolve("wal-0000000000000002.log"));
    long cut = random.nextLong(Files.size(segment) + 1);
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(cut);
    }
    List<Point> expected = new ArrayList<>();
    for (int r = 0; r < records.size() && recordEnds.get(r) <= cut; r++) {
      expected.addAll(records.get(r));
    }
    assertPointsEqual(expected, replay(wal), seed);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void arbitraryBytesNeverStopTheLogFromOpening(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path wal = dir.resolve("junk");
    Files.createDirectories(wal);
    for (int f = 1; f <= 3; f++) {
      byte[] junk = new byte[random.nextInt(4096)];
      random.nextBytes(junk);
      if (junk.length >= 8 && random.nextBoolean()) {
        // a plausible length, so the checksum is what catches it
        ByteBuffer.wrap(junk).putInt(0, random.nextInt(junk.length - 7));
      }
      Files.write(wal.resolve(String.format("wal-%016d.log", f)), junk);
    }
    try {
      replay(wal);
      replay(wal); // and again, after the last segment's tail was cut
    } catch (RuntimeException | IOException e) {
      fail("seed " + seed, e);
    }
  }

  private static void assertPointsEqual(List<Point> expected, List<Point> actual, long seed) {
    assertEquals(expected.size(), actual.size(), "seed " + seed);
    for (int i = 0; i < expected.size(); i++) {
      Point e = expected.get(i);
      Point a = actual.get(i);
      assertEquals(e.metric(), a.metric(), "seed " + seed + " point " + i);
      assertEquals(e.timestampSeconds(), a.timestampSeconds(), "seed " + seed + " point " + i);
      assertEquals(Double.doubleToRawLongBits(e.value()), Double.doubleToRawLongBits(a.value()),
          "seed " + seed + " point " + i);
    }
  }
}
