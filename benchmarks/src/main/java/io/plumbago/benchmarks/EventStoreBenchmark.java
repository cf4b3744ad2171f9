package io.plumbago.benchmarks;

import io.plumbago.events.Event;
import io.plumbago.events.EventQuery;
import io.plumbago.events.EventQuery.TagMatch;
import io.plumbago.events.EventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The events store at one million events (a year of deployments, incidents and campaigns: 1 M events over 365 days,
 * 1 to 3 tags each from 40, a few tags common): appending one more (fsync on, as shipped, and off), and the queries
 * Grafana's annotations make — one tag over 6 hours and 7 days, two tags (default and union), and a time range alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class EventStoreBenchmark {
  static final int EVENTS = 1_000_000;
  static final double START = 1_700_000_000;
  static final double SPAN_SECONDS = 365 * 86_400.0;
  static final String[] TAGS = new String[40];

  static {
    for (int i = 0; i < TAGS.length; i++) {
      TAGS[i] = i == 0 ? "deploy" : i == 1 ? "prod" : i == 2 ? "incident" : "service" + i;
    }
  }

  /** A store holding a million events; {@code fsync} as configured for appends. */
  @State(Scope.Benchmark)
  public static class Filled {
    @Param({"true", "false"})
    boolean fsync;
    Path dir;
    EventStore store;
    final SplittableRandom random = new SplittableRandom(42);
    double queryFrom;

    @Setup(Level.Trial)
    public void fill() throws IOException {
      dir = Files.createTempDirectory("events-bench");
      try (EventStore filling = EventStore.builder(dir).fsyncEachWrite(false).build()) {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < EVENTS; i++) {
          filling.add(START + SPAN_SECONDS * i / EVENTS, "event " + i, tags(r), "by the benchmark");
        }
      }
      long t0 = System.nanoTime();
      store = EventStore.builder(dir).fsyncEachWrite(fsync).build();
      System.out.printf("%n  reopened %d events in %.0f ms%n", store.size(), (System.nanoTime() - t0) / 1e6);
      queryFrom = START + SPAN_SECONDS / 2;
    }

    static List<String> tags(SplittableRandom r) {
      List<String> tags = new ArrayList<>(3);
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        // a skewed choice: deploy, prod and incident are common, the services rarer
        tags.add(TAGS[Math.min(TAGS.length - 1, (int) (Math.pow(r.nextDouble(), 2.5) * TAGS.length))]);
      }
      return tags;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public Event append(Filled s) throws IOException {
    return s.store.add(START + SPAN_SECONDS + s.random.nextInt(86_400), "deployed web", List.of("deploy", "web"),
        "release notes");
  }

  @Benchmark
  public List<Event> oneTagSixHours(Filled s) {
    return s.store.query(new EventQuery(s.queryFrom, s.queryFrom + 6 * 3600, List.of("deploy"), TagMatch.WITH_ALL));
  }

  @Benchmark
  public List<Event> oneRareTagSevenDays(Filled s) {
    return s.store.query(new EventQuery(s.queryFrom, s.queryFrom + 7 * 86_400, List.of("service30"),
        TagMatch.WITH_ALL));
  }

  @Benchmark
  public List<Event> twoTagsSixHours(Filled s) {
    return s.store.query(new EventQuery(s.queryFrom, s.queryFrom + 6 * 3600, List.of("deploy", "prod"),
        TagMatch.WITH_ALL));
  }

  @Benchmark
  public List<Event> twoTagsUnionSixHours(Filled s) {
    return s.store.query(new EventQuery(s.queryFrom, s.queryFrom + 6 * 3600, List.of("incident", "service7"),
        TagMatch.UNION));
  }

  @Benchmark
  public List<Event> timeRangeOneHour(Filled s) {
    return s.store.query(EventQuery.between(s.queryFrom, s.queryFrom + 3600));
  }
}
