package io.plumbago.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.events.EventQuery.TagMatch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
  @TempDir
  Path dir;

  private static List<Long> ids(List<Event> events) {
    return events.stream().map(Event::id).toList();
  }

  @Test
  void eventsSurviveReopeningWithTheirIdsTagsAndSubSecondTimes() throws IOException {
    try (EventStore store = EventStore.builder(dir).build()) {
      assertEquals(1, store.add(1_700_000_000.5, "deploy", List.of("web", "deploy"), "v1").id());
      assertEquals(2, store.add(1_700_000_100, "incident", List.of(), null).id());
    }
    try (EventStore store = EventStore.builder(dir).build()) {
      assertEquals(2, store.size());
      Event first = store.get(1).orElseThrow();
      assertEquals(1_700_000_000.5, first.whenSeconds());
      assertEquals(List.of("web", "deploy"), List.copyOf(first.tags()), "as posted");
      assertEquals("", store.get(2).orElseThrow().data());
      assertEquals(3, store.add(1, "next", List.of(), "").id());
      assertEquals(0, store.truncatedBytesOnOpen());
    }
  }

  @Test
  void deletesAreTombstonesAndCompactionKeepsLiveEventsAndNeverReusesIds() throws IOException {
    try (EventStore store = EventStore.builder(dir).compactAfterDeadRecords(1_000_000).build()) {
      for (int i = 0; i < 10; i++) {
        store.add(100 + i, "e" + i, List.of("t" + i % 2), "");
      }
      assertTrue(store.delete(10));
      assertTrue(store.delete(3));
      assertFalse(store.delete(3));
      long before = store.logSizeBytes();
      store.compact();
      assertTrue(store.logSizeBytes() < before);
    }
    try (EventStore store = EventStore.builder(dir).build()) {
      assertEquals(8, store.size());
      assertTrue(store.get(3).isEmpty());
      assertEquals(11, store.add(1, "after", List.of(), "").id(), "ids are not reused after compaction");
      assertEquals(List.of(1L, 5L, 7L, 9L), ids(store.query(EventQuery.between(0, 200)
          .withTags(TagMatch.UNION, List.of("t0")))));
    }
  }

  @Test
  void compactsByItselfOnceDeadRecordsOutnumberLiveEvents() throws IOException {
    try (EventStore store = EventStore.builder(dir).compactAfterDeadRecords(4).build()) {
      for (int i = 0; i < 6; i++) {
        store.add(i, "e", List.of(), "");
      }
      long full = store.logSizeBytes();
      for (long id = 1; id <= 4; id++) {
        store.delete(id);
      }
      assertTrue(store.logSizeBytes() < full, "compacted");
    }
    try (EventStore store = EventStore.builder(dir).build()) {
      assertEquals(List.of(5L, 6L), ids(store.query(EventQuery.between(0, 10))));
    }
  }

  @Test
  void aTornLastRecordIsCutOffAtEveryPossibleLengthAndTheStoreStarts() throws IOException {
    Path source = dir.resolve("source");
    long[] ends = new long[4];
    try (EventStore store = EventStore.builder(source).build()) {
      for (int i = 0; i < 3; i++) {
        store.add(10 + i, "event " + i, List.of("a", "b" + i), "data ".repeat(i));
        ends[i + 1] = store.logSizeBytes();
      }
      store.delete(1);
      ends[0] = store.logSizeBytes();
    }
    byte[] full = Files.readAllBytes(source.resolve("events.log"));
    for (int cut = (int) ends[2]; cut < full.length; cut++) {
      int intact = cut < ends[3] ? 2 : 3;
      long intactEnd = cut < ends[3] ? ends[2] : ends[3];
      Path copy = dir.resolve("cut" + cut);
      Files.createDirectories(copy);
      Files.write(copy.resolve("events.log"), java.util.Arrays.copyOf(full, cut));
      try (EventStore store = EventStore.builder(copy).build()) {
        assertEquals(intact, store.size(), "cut at " + cut);
        assertEquals(cut - intactEnd, store.truncatedBytesOnOpen());
        store.add(20, "after", List.of(), "");
      }
      try (EventStore store = EventStore.builder(copy).build()) {
        assertEquals(intact + 1, store.size(), "writes after a repair are kept, cut at " + cut);
      }
    }
  }

  @Test
  void aLogLargerThanTheReadWindowReplaysWholeAndItsTornTailIsCut() throws IOException {
    String data = "d".repeat(700); // 12 000 records of ~750 bytes: over two of the 4 MiB windows replay reads
    try (EventStore store = EventStore.builder(dir).fsyncEachWrite(false).build()) {
      for (int i = 0; i < 12_000; i++) {
        store.add(i, "event " + i, List.of("t" + i % 7), data + i);
      }
    }
    Path log = dir.resolve("events.log");
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
    try (EventStore store = EventStore.builder(dir).build()) {
      assertEquals(11_999, store.size());
      assertEquals(data + 5_000, store.get(5_001).orElseThrow().data());
      assertEquals(1_714, store.query(EventQuery.between(0, 12_000).withTags(TagMatch.UNION, List.of("t3"))).size());
    }
  }

  @Test
  void aCorruptedRecordEndsTheLogInsteadOfFailingTheStart() throws IOException {
    try (EventStore store = EventStore.builder(dir).build()) {
      store.add(1, "one", List.of(), "");
      store.add(2, "two", List.of(), "");
    }
    try (FileChannel ch = FileChannel.open(dir.resolve("events.log"), StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x55}), ch.size() - 2);
    }
    try (EventStore store = EventStore.builder(dir).build()) {
      assertEquals(1, store.size());
      assertTrue(store.truncatedBytesOnOpen() > 0);
    }
  }

  @Test
  void aSecondStoreOnTheSameFolderIsRefused() throws IOException {
    try (EventStore store = EventStore.builder(dir).build()) {
      assertThrows(IOException.class, () -> EventStore.builder(dir).build());
    }
  }

  @Test
  void queriesFollowGraphiteWebsSetSemantics() throws IOException {
    try (EventStore store = EventStore.builder(dir).fsyncEachWrite(false).build()) {
      store.add(10, "a", List.of("deploy", "web"), "");
      store.add(20, "b", List.of("deploy"), "");
      store.add(30, "c", List.of("web"), "");
      EventQuery all = EventQuery.between(0, 100);
      assertEquals(List.of(1L, 2L, 3L), ids(store.query(all)));
      assertEquals(List.of(1L, 2L, 3L), ids(store.query(all.withTags(TagMatch.UNION, List.of("deploy", "web")))));
      assertEquals(List.of(1L), ids(store.query(all.withTags(TagMatch.INTERSECTION, List.of("deploy", "web")))));
      assertEquals(List.of(1L), ids(store.query(all.withTags(TagMatch.WITH_ALL, List.of("web", "deploy")))));
      // unknown tags: ignored by the default, fatal to intersection, harmless to union
      assertEquals(List.of(1L, 2L), ids(store.query(all.withTags(TagMatch.WITH_ALL, List.of("deploy", "nope")))));
      assertEquals(List.of(), ids(store.query(all.withTags(TagMatch.INTERSECTION, List.of("deploy", "nope")))));
      assertEquals(List.of(1L, 2L), ids(store.query(all.withTags(TagMatch.UNION, List.of("deploy", "nope")))));
      assertEquals(List.of(), ids(store.query(all.withTags(TagMatch.WITH_ALL, List.of("nope")))));
      assertEquals(List.of(), ids(store.query(all.withTags(TagMatch.INTERSECTION, List.of("web", "web")))));
      assertEquals(List.of(2L), ids(store.query(new EventQuery(20, 20, List.of("deploy"), TagMatch.UNION))));
      assertEquals(List.of(), ids(store.query(EventQuery.between(31, 40))));
      assertEquals(List.of(), ids(store.query(EventQuery.between(-50, -1))));
      // django-tagging's names: a word with commas is several names, a quoted part one name
      store.add(40, "d", List.of("ops,db", "\"x", "y\""), "");
      assertEquals(List.of("ops,db", "\"x", "y\""), List.copyOf(store.get(4).orElseThrow().tags()));
      assertEquals(List.of(4L), ids(store.query(all.withTags(TagMatch.WITH_ALL, List.of("db", "ops")))));
      assertEquals(List.of(4L), ids(store.query(all.withTags(TagMatch.UNION, List.of("x y")))));
      assertEquals(List.of(), ids(store.query(all.withTags(TagMatch.UNION, List.of("ops,db")))));
    }
  }
}
