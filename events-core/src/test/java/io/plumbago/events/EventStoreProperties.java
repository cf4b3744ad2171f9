package io.plumbago.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.events.EventQuery.TagMatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random adds, deletes, compactions, reopenings and queries give what a plain list filtered by hand gives. */
class EventStoreProperties {
  private static final String[] TAGS = {"deploy", "web", "db", "prod", "staging", "incident", "x"};

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void queriesEqualAFilteredList(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Long, Event> model = new LinkedHashMap<>();
    Path folder = dir.resolve("s" + seed);
    EventStore store = EventStore.builder(folder).fsyncEachWrite(false).compactAfterDeadRecords(random.nextInt(50))
        .build();
    try {
      for (int step = 0; step < 1500; step++) {
        int op = random.nextInt(100);
        if (op < 55) {
          double when = random.nextInt(1000) + (random.nextBoolean() ? 0 : random.nextInt(1000) / 1000.0);
          List<String> tags = new ArrayList<>();
          for (int k = random.nextInt(4); k > 0; k--) {
            tags.add(TAGS[random.nextInt(TAGS.length)]);
          }
          Event e = store.add(when, "w" + step, tags, "d" + step);
          model.put(e.id(), e);
        } else if (op < 70 && !model.isEmpty()) {
          long id = random.nextInt(step + 2);
          assertEquals(model.remove(id) != null, store.delete(id), "seed " + seed + " step " + step);
        } else if (op < 72) {
          store.close();
          store = EventStore.builder(folder).fsyncEachWrite(false).build();
        } else if (op < 73) {
          store.compact();
        } else {
          EventQuery query = randomQuery(random);
          assertEquals(expected(model.values(), query), store.query(query),
              "seed " + seed + " step " + step + " " + query);
        }
      }
    } finally {
      store.close();
    }
  }

  private static EventQuery randomQuery(SplittableRandom random) {
    double from = random.nextInt(-10, 1010) + (random.nextBoolean() ? 0 : 0.5);
    double until = from + random.nextInt(-5, 600);
    if (random.nextInt(4) == 0) {
      return EventQuery.between(from, until);
    }
    List<String> tags = new ArrayList<>();
    for (int k = random.nextInt(4); k >= 0; k--) {
      tags.add(random.nextInt(10) == 0 ? "unknown" : TAGS[random.nextInt(TAGS.length)]);
    }
    return new EventQuery(from, until, tags, TagMatch.values()[random.nextInt(3)]);
  }

  /** graphite-web's fetch, written as directly as possible over all events. */
  private static List<Event> expected(Iterable<Event> events, EventQuery query) {
    Set<String> known = new HashSet<>();
    for (Event e : events) {
      known.addAll(e.tags());
    }
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (e.whenSeconds() < query.fromSeconds() || e.whenSeconds() > query.untilSeconds()) {
        continue;
      }
      if (query.tags() != null) {
        List<String> present = query.tags().stream().filter(known::contains).distinct().toList();
        if (present.isEmpty()) {
          continue;
        }
        boolean keep = switch (query.match()) {
          case UNION -> present.stream().anyMatch(e.tags()::contains);
          case WITH_ALL -> e.tags().containsAll(present);
          case INTERSECTION -> e.tags().containsAll(present)
              && new HashSet<>(query.tags()).size() == query.tags().size()
              && e.tags().containsAll(query.tags());
        };
        if (!keep) {
          continue;
        }
      }
      out.add(e);
    }
    out.sort(java.util.Comparator.comparingDouble(Event::whenSeconds).thenComparingLong(Event::id));
    return out;
  }
}
