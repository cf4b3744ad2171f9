package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeParserTest {
  private static final long NOW = 1_700_000_000L;

  @Test
  void readsGraphiteOffsetsAndEpochs() {
    assertEquals(NOW, TimeParser.parse("now", NOW));
    assertEquals(NOW - 600, TimeParser.parse("-10min", NOW));
    assertEquals(NOW - 600, TimeParser.parse("-10minutes", NOW));
    assertEquals(NOW - 30, TimeParser.parse("-30s", NOW));
    assertEquals(NOW - 3600, TimeParser.parse("-1h", NOW));
    assertEquals(NOW - 7 * 86400, TimeParser.parse("-7d", NOW));
    assertEquals(NOW - 14 * 86400, TimeParser.parse("-2w", NOW));
    assertEquals(NOW - 30 * 86400, TimeParser.parse("-1mon", NOW));
    assertEquals(NOW - 365 * 86400, TimeParser.parse("-1y", NOW));
    assertEquals(1_600_000_000L, TimeParser.parse("1600000000", NOW));
  }

  @Test
  void refusesWhatItCannotRead() {
    RenderException e = assertThrows(RenderException.class, () -> TimeParser.parse("-10m", NOW));
    assertEquals(400, e.status());
    assertThrows(RenderException.class, () -> TimeParser.parse("yesterdayish", NOW));
    assertThrows(RenderException.class, () -> TimeParser.parse("-", NOW));
  }
}
