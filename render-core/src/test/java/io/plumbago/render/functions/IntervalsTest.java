package io.plumbago.render.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.plumbago.render.RenderException;
import org.junit.jupiter.api.Test;

/** Function-argument offsets read as graphite-web's parseTimeOffset reads them. */
class IntervalsTest {
  @Test
  void readsSignsUnitsAndSums() {
    assertEquals(300, Intervals.seconds("5min"));
    assertEquals(-86_400, Intervals.seconds("-1d"));
    assertEquals(5_400, Intervals.seconds("+1h30min"));
    assertEquals(30 * 86_400, Intervals.seconds("1mon"));
    assertEquals(-2 * 365 * 86_400, Intervals.seconds("-2y"));
    assertEquals(10, Intervals.seconds("10seconds"));
    assertEquals(0, Intervals.seconds(""));
  }

  @Test
  void refusesWhatGraphiteWebRefusesAndWhatOverflows() {
    for (String bad : new String[] {"x", "5", "5m", "*5min", "5MIN", "999999999999y", "5 min"}) {
      RenderException e = assertThrows(RenderException.class, () -> Intervals.seconds(bad), bad);
      assertEquals(400, e.status(), bad);
    }
  }
}
