package io.plumbago.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
  @Test
  void keepsSubSecondTimeAndTagOrderWithoutDuplicates() {
    Event event = new Event(1, 1_700_000_000.25, "deploy web 1.2", Event.parseTags("  deploy web deploy "), null);
    assertEquals(1_700_000_000.25, event.whenSeconds());
    assertEquals(List.of("deploy", "web"), List.copyOf(event.tags()));
    assertEquals("", event.data());
    assertTrue(event.hasTag("web"));
  }

  @Test
  void refusesWhatGraphiteWebWouldNotStore() {
    assertEquals("'what' is required",
        assertThrows(EventFormatException.class, () -> new Event(1, 1, " ", Set.of(), "")).getMessage());
    assertThrows(EventFormatException.class, () -> new Event(1, 1, "x".repeat(256), Set.of(), ""));
    assertThrows(EventFormatException.class, () -> new Event(1, 1, "x", Set.of("two words"), ""));
    assertThrows(EventFormatException.class, () -> new Event(1, Double.NaN, "x", Set.of(), ""));
    assertThrows(EventFormatException.class, () -> new Event(1, 1, "x", Set.of(), "d".repeat(65_537)));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void tagStringsParseIntoWordsThatAlwaysMakeAValidEvent(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 500; i++) {
      StringBuilder text = new StringBuilder();
      for (int k = random.nextInt(30); k > 0; k--) {
        text.append(" \t\nab-_.:1é".charAt(random.nextInt(11)));
      }
      Set<String> tags = Event.parseTags(text.toString());
      Event event = new Event(i, i, "what", tags, "");
      assertEquals(String.join(" ", event.tags()), String.join(" ", tags), "seed " + seed);
      assertEquals(text.toString().strip().isEmpty() ? 0 : new java.util.HashSet<>(
          List.of(text.toString().strip().split("\\s+"))).size(), event.tags().size(), "seed " + seed);
    }
  }
}
