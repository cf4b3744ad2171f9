package io.plumbago.render.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * A time zone as pytz sees it, for the wall-clock arithmetic of {@link AtTime}. pytz reads only a tzfile's version-1
 * (32-bit) data and rounds every offset to the whole minute, so: instants before 1901-12-13T20:45:52Z take the zone's
 * earliest offset, instants after 2038-01-19T03:14:07Z keep the offset of that moment (no daylight saving time after
 * 2037), and {@code +05:53:28} is {@code +05:53}. A zone without transitions (UTC, {@code Etc/GMT+5}) is pytz's static
 * kind: its offset is not rounded and wall-clock times need no room for pytz's one-day probes.
 */
final class PytzZone {
  private static final long V1_FIRST = Integer.MIN_VALUE;
  private static final long V1_LAST = Integer.MAX_VALUE;

  private final ZoneRules rules;
  private final boolean fixed;
  private final int earliestSeconds;

  PytzZone(ZoneId zone) {
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    int earliest = rules.getOffset(Instant.MIN).getTotalSeconds();
    this.earliestSeconds = fixed ? earliest : rounded(earliest);
  }

  /** pytz's static kind: localize and normalize only attach the one offset. */
  boolean fixed() {
    return fixed;
  }

  /** The UTC offset pytz applies at {@code epochSecond}, in seconds. */
  int offsetSeconds(long epochSecond) {
    if (fixed || epochSecond < V1_FIRST) {
      return earliestSeconds;
    }
    return rounded(rules.getOffset(Instant.ofEpochSecond(Math.min(epochSecond, V1_LAST))).getTotalSeconds());
  }

  /** Whether pytz marks the offset at {@code epochSecond} as daylight saving time. */
  boolean daylightSaving(long epochSecond) {
    if (fixed || epochSecond < V1_FIRST) {
      return false;
    }
    return rules.isDaylightSavings(Instant.ofEpochSecond(Math.min(epochSecond, V1_LAST)));
  }

  private static int rounded(int seconds) {
    return Math.floorDiv(seconds + 30, 60) * 60;
  }
}
