package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhisperFileTest {
  @TempDir Path dir;

  @Test
  void headerAndSizeMatchWhisperPyForTenSecondsSixHoursOneMinuteSevenDays() throws IOException {
    Path path = dir.resolve("a.wsp");
    try (WhisperFile file = WhisperFile.create(path, Retention.parseList("10s:6h,1m:7d"), 0.5f,
        AggregationMethod.AVERAGE, false)) {
      assertEquals(604800, file.info().maxRetentionSeconds());
    }
    byte[] bytes = Files.readAllBytes(path);
    assertEquals(146920, bytes.length);
    assertEquals("0000000100093a803f00000000000002000000280000000a00000870000065680000003c00002760",
        HexFormat.of().formatHex(bytes, 0, 40));
  }

  @Test
  void updateManyWritesTheSameBytesAsWhisperPy() throws IOException {
    Path path = dir.resolve("sum.wsp");
    try (WhisperFile file = WhisperFile.create(path, List.of(new Retention(10, 12), new Retention(60, 10)), 0.5f,
        AggregationMethod.SUM, false)) {
      file.updateMany(new long[] {1699999980, 1699999990, 1700000000}, new double[] {1, 2, 3}, 3, 1700000000);
    }
    byte[] bytes = Files.readAllBytes(path);
    assertEquals(304, bytes.length);
    HexFormat hex = HexFormat.of();
    assertEquals("00000002000002583f00000000000002" + "000000280000000a0000000c" + "000000b80000003c0000000a",
        hex.formatHex(bytes, 0, 40));
    assertEquals("6553f0ec3ff0000000000000" + "6553f0f64000000000000000" + "6553f1004008000000000000",
        hex.formatHex(bytes, 40, 76));
  }

  @Test
  void fetchRoundsAndChoosesArchivesLikeWhisper() throws IOException {
    long now = 1700000000;
    try (WhisperFile file = WhisperFile.create(dir.resolve("f.wsp"), Retention.parseList("10s:6h,1m:7d"), 0.5f,
        AggregationMethod.AVERAGE, true)) {
      FetchResult ten = file.fetch(now - 600, now, now);
      assertEquals(1699999410, ten.fromSeconds());
      assertEquals(1700000010, ten.untilSeconds());
      assertEquals(10, ten.stepSeconds());
      assertEquals(60, ten.values().length);
      FetchResult one = file.fetch(now - 600, now - 600, now);
      assertEquals(1699999420, one.untilSeconds());
      assertEquals(1, one.values().length);
      FetchResult minute = file.fetch(now - 7 * 86400 + 10, now, now);
      assertEquals(1699395240, minute.fromSeconds());
      assertEquals(1700000040, minute.untilSeconds());
      assertEquals(60, minute.stepSeconds());
      assertNull(file.fetch(now + 1, now + 10, now), "a range wholly in the future is None");
      assertNull(file.fetch(0, now - 8 * 86400, now), "a range older than the file is None");
    }
  }

  @Test
  void pointsComeBackAndPropagateWithTheFloatXFilesFactor() throws IOException {
    long now = 1699999100;
    try (WhisperFile file = WhisperFile.create(dir.resolve("p.wsp"), List.of(new Retention(10, 60),
        new Retention(100, 60)), 0.1f, AggregationMethod.AVERAGE, false)) {
      // one known point of ten: 0.1 < (double) 0.1f, so whisper does not propagate it
      file.update(5, 1699999000, now);
      FetchResult coarse = file.fetch(now - 3000, now, now);
      assertEquals(100, coarse.stepSeconds());
      int slot = (int) ((1699999000 - coarse.fromSeconds()) / 100);
      assertTrue(Double.isNaN(coarse.values()[slot]));
      file.update(7, 1699999010, now);
      assertEquals(6.0, file.fetch(now - 3000, now, now).values()[slot]);
      FetchResult fine = file.fetch(now - 600, now, now);
      assertEquals(10, fine.stepSeconds());
      assertEquals(5.0, fine.values()[(int) ((1699999000 - fine.fromSeconds()) / 10)]);
      assertEquals(7.0, fine.values()[(int) ((1699999010 - fine.fromSeconds()) / 10)]);
    }
  }

  @Test
  void updateRejectsWhatNoArchiveCovers() throws IOException {
    try (WhisperFile file = WhisperFile.create(dir.resolve("r.wsp"), List.of(new Retention(10, 6)), 0.5f,
        AggregationMethod.AVERAGE, false)) {
      assertThrows(WhisperFormatException.class, () -> file.update(1, 1000, 990));
      assertThrows(WhisperFormatException.class, () -> file.update(1, 1000, 1060));
      file.update(1, 1000, 1059);
    }
  }

  @Test
  void equalTimestampsKeepTheFirstGivenAndLaterTimestampsInOneSlotWin() throws IOException {
    long now = 1700000000;
    try (WhisperFile file = WhisperFile.create(dir.resolve("d.wsp"), List.of(new Retention(10, 60)), 0.5f,
        AggregationMethod.AVERAGE, false)) {
      file.updateMany(new long[] {now - 100, now - 100, now - 51, now - 59}, new double[] {1, 2, 3, 4}, 4, now);
      FetchResult r = file.fetch(now - 110, now - 50, now);
      assertArrayEquals(new double[] {1, Double.NaN, Double.NaN, Double.NaN, 3, Double.NaN}, r.values());
    }
  }

  @Test
  void aTruncatedFileIsAFormatErrorNamingTheFile() throws IOException {
    Path path = dir.resolve("t.wsp");
    WhisperFile.create(path, Retention.parseList("10s:6h,1m:7d"), 0.5f, AggregationMethod.AVERAGE, false).close();
    byte[] bytes = Files.readAllBytes(path);
    Files.write(path, java.util.Arrays.copyOf(bytes, 30000));
    WhisperFormatException e = assertThrows(WhisperFormatException.class, () -> WhisperFile.openReadOnly(path));
    assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("archive1"), e.getMessage());
  }

  @Test
  void createRefusesAnExistingFile() throws IOException {
    Path path = dir.resolve("x.wsp");
    WhisperFile.create(path, List.of(new Retention(10, 6)), 0.5f, AggregationMethod.AVERAGE, false).close();
    assertThrows(IOException.class, () -> WhisperFile.create(path, List.of(new Retention(10, 6)), 0.5f,
        AggregationMethod.AVERAGE, false));
  }
}
