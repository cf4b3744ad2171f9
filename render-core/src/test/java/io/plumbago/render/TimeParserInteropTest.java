package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.whisper.testing.Peers;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TimeParser against graphite-web's own {@code parseATTime}: every value is read by graphite-web in one python process
 * ({@code graphite_attime.py}) and by {@link TimeParser}, in UTC, New York and Kolkata, and both must give the same
 * epoch seconds or both reject it.
 */
@Tag("interop")
class TimeParserInteropTest {
  private static final String ATTIME_IMPORT =
      "from django.conf import settings; settings.configure(TIME_ZONE='UTC'); import graphite.render.attime, pytz";
  private static final String[] ZONES = System.getProperty("zones", "UTC,America/New_York,Asia/Kolkata").split(",");
  /** A November Tuesday evening, a July Wednesday, and ten minutes before 2024 in UTC (already 2024 in Kolkata). */
  private static final long[] NOWS = {1_700_000_000L, 1_720_000_000L, 1_704_066_600L};
  /**
   * Probes of a zone's offsets: now, its summer and winter, after 2037, a month name. Not before 1970: there the JVM's
   * tz database gives zones that have agreed since 1970 one history (Africa/Accra is Africa/Abidjan), while Debian's
   * keeps each zone's own.
   */
  private static final List<String> PROBES = List.of("now", "07/15/2024", "01/15/2024", "20500701", "20500101",
      "jan1", "-1d", "2:30_20240310", "1:30_20241103");

  /** Seeded; {@code -Dseed=N -Dcases=M -Dzones=A,B} replays or widens the run. */
  @Test
  void randomTimesReadAsGraphiteWebReadsThem() {
    long seed = Long.getLong("seed", 20_260_301L);
    SplittableRandom random = new SplittableRandom(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < Integer.getInteger("cases", 3000); i++) {
      texts.add(TimeStrings.any(random));
    }
    List<String> requests = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      long now = NOWS[i % NOWS.length];
      for (String zone : ZONES) {
        requests.add("[\"t\"," + quote(texts.get(i)) + "," + quote(zone) + "," + now + "]");
        expected.add(plumbago(texts.get(i), now, ZoneId.of(zone)));
        labels.add("seed " + seed + ", case " + i + " " + quote(texts.get(i)) + " in " + zone + " at now=" + now);
      }
    }
    List<String> graphite = graphiteWeb(requests);
    int rejected = 0;
    for (int i = 0; i < requests.size(); i++) {
      assertEquals(graphite.get(i), expected.get(i), labels.get(i));
      rejected += graphite.get(i).equals("ERR") ? 1 : 0;
    }
    int accepted = requests.size() - rejected;
    System.out.printf("TimeParserInteropTest: %d values x %d zones = %d readings agree with graphite-web (seed %d):"
        + " %d accepted, %d rejected%n", texts.size(), ZONES.length, requests.size(), seed, accepted, rejected);
    assertTrue(accepted >= requests.size() / 3 && rejected >= requests.size() / 10,
        "seed " + seed + ": " + accepted + " accepted, " + rejected + " rejected");
  }

  /** Every zone name either knows, in other spellings, and names neither knows. */
  @Test
  void zonesResolveAsPytzResolvesThem() {
    Peers.require("graphite-web", Peers.run(List.of(Peers.PYTHON.toString(), "-c", ATTIME_IMPORT), null, 60)
        .exitCode() == 0);
    TreeSet<String> names = new TreeSet<>(ZoneId.getAvailableZoneIds());
    names.addAll(List.of(Peers.python("import pytz\nprint('\\n'.join(pytz.all_timezones))", 60).strip().split("\n")));
    for (String name : List.copyOf(names)) {
      names.add(name.toLowerCase(java.util.Locale.ROOT));
      names.add(name.toUpperCase(java.util.Locale.ROOT));
      names.add(name.replace("+", "_plus_").replace("-", "_minus_"));
    }
    names.addAll(List.of("", " UTC", "utc ", "Z", "z", "+05:30", "GMT+5", "UTC+1", "Nowhere/Land", "Europe/Lond",
        "Europe/London/", "\u00fc", "Europe//London", "../etc/passwd", "America/New York"));
    List<String> requests = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    ZoneId unknown = ZoneOffset.ofHoursMinutes(-11, -11);
    for (String name : names) {
      StringBuilder request = new StringBuilder("[\"z\",").append(quote(name)).append(',').append(NOWS[0]);
      PROBES.forEach(p -> request.append(',').append(quote(p)));
      requests.add(request.append(']').toString());
      ZoneId zone = TimeParser.zone(name, unknown);
      expected.add(zone.equals(unknown) ? "UNKNOWN"
          : String.join(" ", PROBES.stream().map(p -> plumbago(p, NOWS[0], zone)).toList()));
    }
    List<String> graphite = graphiteWeb(requests);
    List<String> ordered = List.copyOf(names);
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      boolean known = TZDATA_DIFFERS.contains(ordered.get(i).toLowerCase(java.util.Locale.ROOT));
      if (!graphite.get(i).equals(expected.get(i)) && !known) {
        differ.add(requests.get(i) + ": graphite-web " + graphite.get(i) + ", plumbago " + expected.get(i));
      }
    }
    assertEquals(List.of(), differ, names.size() + " names");
    assertEquals(ZoneOffset.UTC, TimeParser.zone("Nowhere/Land"));
  }

  /**
   * Where the data differ, not the reading: America/Coyhaique is new in Debian's tzdata 2025b and unknown to this JVM's
   * 2025a; the JDK compiles Morocco's zones from the rearguard format, where +00 during Ramadan is standard time and
   * +01 summer time, the reverse of Debian's, so pytz's standard-time choice in the hour Morocco repeats differs.
   */
  private static final java.util.Set<String> TZDATA_DIFFERS = java.util.Set.of("america/coyhaique",
      "africa/casablanca", "africa/el_aaiun");

  private static String plumbago(String text, long now, ZoneId zone) {
    try {
      return Long.toString(TimeParser.parse(text, now, zone));
    } catch (RenderException e) {
      assertEquals(400, e.status(), e.getMessage());
      return "ERR";
    }
  }

  private static List<String> graphiteWeb(List<String> requests) {
    Peers.require("graphite-web", Peers.run(List.of(Peers.PYTHON.toString(), "-c", ATTIME_IMPORT), null, 60)
        .exitCode() == 0);
    Peers.Result result = Peers.run(List.of(Peers.PYTHON.toString(), helper()),
        String.join("\n", requests) + "\n", 300);
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = List.of(result.stdout().split("\n"));
    assertEquals(requests.size(), lines.size(), "graphite_attime.py answered a different number of lines");
    return lines;
  }

  private static String helper() {
    try {
      return Path.of(TimeParserInteropTest.class.getResource("graphite_attime.py").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static String quote(String text) {
    return TargetJson.string(text, new StringBuilder()).toString();
  }
}
