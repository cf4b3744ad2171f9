package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.BOOLEAN;
import static io.plumbago.render.functions.ParamType.INTERVAL;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * graphite-web's summarizing Transform functions: {@code summarize}, {@code smartSummarize} and {@code hitcount}
 * put each series' points into time buckets of a fixed interval, aligned to the epoch or to the request's start.
 */
final class Summarize {
  private static final Set<String> ALIGN_UNITS = Set.of("years", "months", "weeks", "days", "hours", "minutes",
      "seconds");

  private Summarize() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("summarize", "Transform", "Aggregates each series into buckets of intervalString (sum by default), the "
        + "buckets aligned to the epoch, or to the series' start with alignToFrom.", Summarize::summarize,
        Param.required("seriesList", SERIES_LIST), Param.required("intervalString", INTERVAL).suggestions("10min", "1h", "1d"),
        Param.optional("func", AGG_FUNC, "sum").options((Object[]) AggFuncs.NAMES),
        Param.optional("alignToFrom", BOOLEAN, false));
    r.add("smartSummarize", "Transform", "Aggregates each series into buckets of intervalString starting at the "
        + "request's start, first rounded down to the alignTo unit when one is given.", Summarize::smartSummarize,
        Param.required("seriesList", SERIES_LIST), Param.required("intervalString", INTERVAL).suggestions("10min", "1h", "1d"),
        Param.optional("func", AGG_FUNC, "sum").options((Object[]) AggFuncs.NAMES),
        Param.optional("alignTo", STRING, null).options(null, "years", "months", "weeks", "days", "hours", "minutes",
            "seconds", true, false));
    r.add("hitcount", "Transform", "Turns per-second rates into hit counts per intervalString, spreading each "
        + "point's hits over the buckets its step covers.", Summarize::hitcount,
        Param.required("seriesList", SERIES_LIST), Param.required("intervalString", INTERVAL).suggestions("10min", "1h", "1d"),
        Param.optional("alignToInterval", BOOLEAN, false));
  }

  private static long interval(Invocation c, String intervalString) {
    long interval = Intervals.seconds(intervalString);
    if (interval <= 0) {
      // graphite-web divides by zero or never ends for these
      throw c.error("Invalid interval for function \"" + c.function() + "\": " + Values.repr(intervalString));
    }
    return interval;
  }

  private static List<Series> summarize(Invocation c) {
    String intervalString = c.string(1);
    String func = c.string(2, "sum");
    Calculate.checkAggFunc(c, func);
    boolean alignToFrom = c.bool(3, false);
    long interval = interval(c, intervalString);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      long newStart;
      long newEnd;
      if (alignToFrom) {
        newStart = s.start();
        newEnd = s.end();
      } else {
        newStart = s.start() - Math.floorMod(s.start(), interval);
        newEnd = s.end() - Math.floorMod(s.end(), interval) + interval;
      }
      Buckets b = buckets(s, func, interval, newStart, newEnd);
      if (alignToFrom) {
        newEnd = b.end;
      }
      String name = "summarize(" + s.name() + ", \"" + intervalString + "\", \"" + func + "\""
          + (alignToFrom ? ", true" : "") + ")";
      out.add(s.toBuilder().name(name).pathExpression(name).start(newStart).end(newEnd).step(interval)
          .values(b.values).integral(func.equals("count"))
          .tag("summarize", intervalString).tag("summarizeFunction", func).build());
    }
    return out;
  }

  private static List<Series> smartSummarize(Invocation c) {
    String intervalString = c.string(1);
    String func = c.string(2, "sum");
    Calculate.checkAggFunc(c, func);
    Object alignTo = c.value(3);
    if (alignTo != null && !(alignTo instanceof Boolean) && !ALIGN_UNITS.contains(alignTo)) {
      throw c.error("Invalid option specified for function \"smartSummarize\" parameter \"alignTo\": "
          + Values.repr(alignTo));
    }
    long interval = interval(c, intervalString);
    List<Series> input = c.seriesList(0);
    if (alignTo instanceof String unit) {
      RequestContext ctx = c.context();
      long start = truncate(ctx, ctx.startSeconds(), unit);
      input = c.refetchFirst(start, ctx.endSeconds());
    }
    List<Series> out = new ArrayList<>();
    for (Series s : input) {
      Buckets b = buckets(s, func, interval, s.start(), s.end());
      String name = "smartSummarize(" + s.name() + ", \"" + intervalString + "\", \"" + func + "\")";
      out.add(s.toBuilder().name(name).pathExpression(name).end(b.end).step(interval).values(b.values)
          .integral(func.equals("count"))
          .tag("smartSummarize", intervalString).tag("smartSummarizeFunction", func).build());
    }
    return out;
  }

  /**
   * The request's start rounded down to {@code unit} in its time zone, as graphite-web rebuilds the datetime keeping
   * the start's own UTC offset (so a daylight-saving change in between is not applied).
   */
  private static long truncate(RequestContext ctx, long epochSeconds, String unit) {
    ZoneOffset offset = ctx.zone().getRules().getOffset(Instant.ofEpochSecond(epochSeconds));
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, offset);
    LocalDateTime aligned = switch (unit) {
      case "years" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      case "months" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "weeks" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "days" -> t.truncatedTo(ChronoUnit.DAYS);
      case "hours" -> t.truncatedTo(ChronoUnit.HOURS);
      case "minutes" -> t.truncatedTo(ChronoUnit.MINUTES);
      default -> t.truncatedTo(ChronoUnit.SECONDS);
    };
    return aligned.toEpochSecond(offset);
  }

  /** Bucketed values and the end of the last bucket. */
  private record Buckets(double[] values, long end) {}

  /**
   * graphite-web's {@code _summarizeValues}: buckets of {@code interval} seconds from {@code newStart} while before
   * {@code newEnd}; a bucket aggregates its points (None included, the function skips them) from the last point at
   * or before its start, and is None unless its non-None points meet the series' xFilesFactor.
   */
  private static Buckets buckets(Series s, String func, long interval, long newStart, long newEnd) {
    AggFuncs.AggFunc f = AggFuncs.get(func, func);
    double[] v = s.values();
    long step = s.step();
    long timestampCount = s.end() > s.start() ? (s.end() - s.start() + step - 1) / step : 0;
    int numPoints = (int) Math.min(timestampCount, v.length);
    double intervalPoints = (double) interval / step;
    double xff = s.xFilesFactor();
    int buckets = newEnd > newStart ? (int) ((newEnd - newStart + interval - 1) / interval) : 0;
    double[] out = new double[buckets];
    int i = 0;
    long t = newStart;
    for (int b = 0; b < buckets; b++) {
      int first = i;
      int nonNull = 0;
      while (i < numPoints && s.start() + i * step < t + interval) {
        long ts = s.start() + i * step;
        if (ts <= t) {
          first = i;
        }
        if (ts >= t && !Double.isNaN(v[i])) {
          nonNull++;
        }
        i++;
      }
      boolean enough = nonNull > 0 && nonNull / intervalPoints >= xff;
      out[b] = enough ? f.apply(Arrays.copyOfRange(v, first, i)) : Double.NaN;
      t += interval;
    }
    return new Buckets(out, t);
  }

  private static List<Series> hitcount(Invocation c) {
    String intervalString = c.string(1);
    boolean alignToInterval = c.bool(2, false);
    long interval = interval(c, intervalString);
    List<Series> input = c.seriesList(0);
    if (alignToInterval) {
      RequestContext ctx = c.context();
      long start = ctx.startSeconds();
      if (interval >= 86_400) {
        start = truncate(ctx, start, "days");
      } else if (interval >= 3600) {
        start = truncate(ctx, start, "hours");
      } else if (interval >= 60) {
        start = truncate(ctx, start, "minutes");
      }
      List<Series> refetched = c.refetchFirst(start, ctx.endSeconds());
      input = new ArrayList<>(refetched.size());
      for (Series s : refetched) {
        long intervalCount = Math.floorDiv(s.end() - s.start(), interval);
        input.add(s.toBuilder().end(s.start() + intervalCount * interval + interval).build());
      }
    }
    List<Series> out = new ArrayList<>();
    for (Series s : input) {
      long step = s.step();
      int bucketCount = (int) Math.ceil((double) (s.end() - s.start()) / interval);
      double[] sums = new double[Math.max(0, bucketCount)];
      boolean[] hit = new boolean[sums.length];
      long newStart = s.end() - bucketCount * interval;
      double[] v = s.values();
      for (int i = 0; i < v.length; i++) {
        double value = v[i];
        if (Double.isNaN(value)) {
          continue;
        }
        long startTime = s.start() + i * step;
        long startBucket = Math.floorDiv(startTime - newStart, interval);
        long startMod = Math.floorMod(startTime - newStart, interval);
        long endTime = startTime + step;
        long endBucket = Math.floorDiv(endTime - newStart, interval);
        long endMod = Math.floorMod(endTime - newStart, interval);
        if (endBucket >= bucketCount) {
          endBucket = bucketCount - 1;
          endMod = interval;
        }
        if (startBucket == endBucket) {
          if (startBucket >= 0) {
            add(sums, hit, startBucket, value * (endMod - startMod));
          }
        } else {
          if (startBucket >= 0) {
            add(sums, hit, startBucket, value * (interval - startMod));
          }
          double perBucket = value * interval;
          for (long j = startBucket + 1; j < endBucket; j++) {
            add(sums, hit, j, perBucket);
          }
          if (endMod > 0) {
            add(sums, hit, endBucket, value * endMod);
          }
        }
      }
      double[] values = new double[sums.length];
      for (int k = 0; k < values.length; k++) {
        values[k] = hit[k] ? sums[k] : Double.NaN;
      }
      String name = "hitcount(" + s.name() + ", \"" + intervalString + "\"" + (alignToInterval ? ", true" : "")
          + ")";
      out.add(s.toBuilder().name(name).pathExpression(name).start(newStart).step(interval).values(values)
          .integral(s.integral()).tag("hitcount", intervalString).build());
    }
    return out;
  }

  /** Appends to bucket {@code b} as graphite-web's list does; Python's index rules (negative from the end) apply. */
  private static void add(double[] sums, boolean[] hit, long b, double value) {
    int index = (int) (b < 0 ? b + sums.length : b);
    sums[index] = hit[index] ? sums[index] + value : value;
    hit[index] = true;
  }
}
