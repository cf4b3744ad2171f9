package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.BOOLEAN;
import static io.plumbago.render.functions.ParamType.DATE;
import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.INTEGER;
import static io.plumbago.render.functions.ParamType.INTERVAL;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.TimeParser;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * graphite-web's Transform functions that look along time: differences and running sums, shifts by steps or by a
 * time offset, and slices of the window.
 */
final class TransformTime {
  /**
   * The zone graphite-web's process runs in (its TIME_ZONE setting), where timeShift's alignDST and timeSlice read
   * wall times. Plumbago's default zone is UTC.
   */
  private static final ZoneId SERVER_ZONE = ZoneOffset.UTC;

  private TransformTime() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("derivative", "Transform", "The difference between each value and the one before it (null after a null).",
        TransformTime::derivative, Param.required("seriesList", SERIES_LIST));
    r.add("nonNegativeDerivative", "Transform", "Like derivative, but a counter that goes down gives null, or, with "
        + "maxValue/minValue, the increase as if it had wrapped at maxValue to minValue.",
        c -> nonNegative(c, false),
        Param.required("seriesList", SERIES_LIST), Param.optional("maxValue", FLOAT, null),
        Param.optional("minValue", FLOAT, null));
    r.add("perSecond", "Transform", "nonNegativeDerivative divided by the step: a counter's increase per second.",
        c -> nonNegative(c, true),
        Param.required("seriesList", SERIES_LIST), Param.optional("maxValue", FLOAT, null),
        Param.optional("minValue", FLOAT, null));
    r.add("integral", "Transform", "The running sum of the values; nulls stay null.", TransformTime::integral,
        Param.required("seriesList", SERIES_LIST));
    r.add("integralByInterval", "Transform", "The running sum of the values, restarting at zero every intervalUnit "
        + "counted from the start of the request.", TransformTime::integralByInterval,
        Param.required("seriesList", SERIES_LIST), Param.required("intervalUnit", STRING));
    r.add("delay", "Transform", "Moves every value the given number of steps later (earlier when negative), "
        + "padding with nulls.", TransformTime::delay,
        Param.required("seriesList", SERIES_LIST), Param.required("steps", INTEGER));
    r.add("timeShift", "Transform", "The series fetched again a time offset earlier (later with '+') and drawn over "
        + "the request's window.", TransformTime::timeShift,
        Param.required("seriesList", SERIES_LIST), Param.required("timeShift", INTERVAL)
            .suggestions("1h", "6h", "12h", "1d", "2d", "7d", "14d", "30d"),
        Param.optional("resetEnd", BOOLEAN, true), Param.optional("alignDst", BOOLEAN, false));
    r.add("timeSlice", "Transform", "Keeps only the values between two times (inclusive); the rest become null.",
        TransformTime::timeSlice,
        Param.required("seriesList", SERIES_LIST), Param.required("startSliceAt", DATE),
        Param.optional("endSliceAt", DATE, "now"));
  }

  /** graphite-web's {@code series.copy(name=..., values=...)} after setting one tag. */
  private static Series copy(Series s, String name, double[] values, boolean integral, String tag,
      String tagValue) {
    return s.toBuilder().name(name).pathExpression(name).values(values).integral(integral)
        .tag(tag, tagValue).build();
  }

  private static List<Series> derivative(Invocation c) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] in = s.values();
      double[] v = new double[in.length];
      double prev = Double.NaN;
      for (int i = 0; i < in.length; i++) {
        v[i] = in[i] - prev;
        prev = in[i];
      }
      out.add(copy(s, "derivative(" + s.name() + ")", v, s.integral(), "derivative", "1"));
    }
    return out;
  }

  private static List<Series> nonNegative(Invocation c, boolean perSecond) {
    Double max = c.has(1) ? c.number(1) : null;
    Double min = c.has(2) ? c.number(2) : null;
    String function = perSecond ? "perSecond" : "nonNegativeDerivative";
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] in = s.values();
      double[] v = new double[in.length];
      double prev = Double.NaN;
      for (int i = 0; i < in.length; i++) {
        double val = in[i];
        double delta;
        if (max != null && val > max || min != null && val < min) {
          delta = Double.NaN;
          prev = Double.NaN;
        } else if (Double.isNaN(prev) || Double.isNaN(val)) {
          delta = Double.NaN;
          prev = val;
        } else {
          if (val >= prev) {
            delta = val - prev;
          } else if (max != null) {
            delta = max + 1 + val - prev - (min != null ? min : 0);
          } else if (min != null) {
            delta = val - min;
          } else {
            delta = Double.NaN;
          }
          prev = val;
        }
        v[i] = perSecond ? Transform.pythonRound(delta / s.step(), 6) : delta;
      }
      boolean integral = !perSecond && s.integral() && max == null && min == null;
      out.add(copy(s, function + "(" + s.name() + ")", v, integral, function, "1"));
    }
    return out;
  }

  private static List<Series> integral(Invocation c) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] in = s.values();
      double[] v = new double[in.length];
      double current = 0.0;
      for (int i = 0; i < in.length; i++) {
        if (Double.isNaN(in[i])) {
          v[i] = Double.NaN;
        } else {
          current += in[i];
          v[i] = current;
        }
      }
      out.add(copy(s, "integral(" + s.name() + ")", v, false, "integral", "1"));
    }
    return out;
  }

  private static List<Series> integralByInterval(Invocation c) {
    String unit = c.string(1);
    long duration = Math.abs(Intervals.seconds(unit));
    if (duration == 0) {
      throw c.error("integer division or modulo by zero");
    }
    long startTime = c.context().startSeconds();
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] in = s.values();
      double[] v = new double[in.length];
      long time = s.start();
      double current = 0.0;
      for (int i = 0; i < in.length; i++) {
        if (Math.floorDiv(time - startTime, duration) != Math.floorDiv(time - startTime - s.step(), duration)) {
          current = 0.0;
        }
        // a None keeps the running total, so a reset shows even where there is no value
        if (!Double.isNaN(in[i])) {
          current += in[i];
        }
        v[i] = current;
        time += s.step();
      }
      out.add(copy(s, "integralByInterval(" + s.name() + ",'" + unit + "')", v, false, "integralByInterval", unit));
    }
    return out;
  }

  private static List<Series> delay(Invocation c) {
    int steps = c.integer(1);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] in = s.values();
      int n = in.length;
      double[] v;
      if (steps < 0) {
        // series[-steps:] + [None] * min(-steps, len)
        int k = (int) Math.min(-(long) steps, n);
        v = new double[n];
        System.arraycopy(in, k, v, 0, n - k);
        Arrays.fill(v, n - k, n, Double.NaN);
      } else if (steps == 0) {
        // Python's series[:-0] is empty
        v = new double[0];
      } else {
        // [None] * min(steps, len) + series[:-steps]
        int k = Math.min(steps, n);
        v = new double[n];
        Arrays.fill(v, 0, k, Double.NaN);
        System.arraycopy(in, 0, v, k, n - k);
      }
      out.add(copy(s, "delay(" + s.name() + "," + steps + ")", v, s.integral(), "delay", Integer.toString(steps)));
    }
    return out;
  }

  private static List<Series> timeShift(Invocation c) {
    List<Series> input = c.seriesList(0);
    String shift = c.string(1);
    if (!shift.isEmpty() && Character.isDigit(shift.charAt(0))) {
      shift = "-" + shift;
    }
    long delta = Intervals.seconds(shift);
    RequestContext ctx = c.context();
    long start = ctx.startSeconds() + delta;
    long end = ctx.endSeconds() + delta;
    if (c.bool(3, false)) {
      boolean requestDst = dst(ctx.startSeconds(), ctx.zone()) && dst(ctx.endSeconds(), ctx.zone());
      boolean requestNoDst = !dst(ctx.startSeconds(), ctx.zone()) && !dst(ctx.endSeconds(), ctx.zone());
      boolean shiftedDst = dst(start, ctx.zone()) && dst(end, ctx.zone());
      boolean shiftedNoDst = !dst(start, ctx.zone()) && !dst(end, ctx.zone());
      long dstOffset = requestDst && shiftedNoDst ? 3600 : requestNoDst && shiftedDst ? -3600 : 0;
      start += dstOffset;
      end += dstOffset;
    }
    if (input.isEmpty()) {
      return List.of();
    }
    Series first = input.get(0);
    boolean resetEnd = c.bool(2, true);
    List<Series> out = new ArrayList<>();
    for (Series shifted : c.refetchFirst(start, end)) {
      long newEnd = resetEnd ? first.end() : shifted.end() - shifted.start() + first.start();
      out.add(shifted.toBuilder().name("timeShift(" + shifted.name() + ", \"" + shift + "\")").start(first.start())
          .end(newEnd).tag("timeShift", shift).build());
    }
    return out;
  }

  /**
   * graphite-web's alignDST test: Python's {@code time.localtime(time.mktime(dt.timetuple())).tm_isdst}, the wall
   * time in the request's zone read as a wall time in the server's zone, then whether that is summer time there.
   */
  private static boolean dst(long epochSeconds, ZoneId requestZone) {
    Instant instant = Instant.ofEpochSecond(epochSeconds);
    LocalDateTime wall = LocalDateTime.ofInstant(instant, requestZone);
    Instant asServer = wall.atZone(SERVER_ZONE).toInstant();
    return SERVER_ZONE.getRules().isDaylightSavings(asServer);
  }

  private static List<Series> timeSlice(Invocation c) {
    RequestContext ctx = c.context();
    long start = TimeParser.parse(c.string(1), ctx.nowSeconds());
    long end = TimeParser.parse(c.string(2, "now"), ctx.nowSeconds());
    // graphite-web reads the request's start as a wall time in its own zone
    Instant requestStart = Instant.ofEpochSecond(ctx.startSeconds());
    long firstTime = LocalDateTime.ofInstant(requestStart, ctx.zone()).atZone(SERVER_ZONE).toEpochSecond();
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] v = s.values().clone();
      long time = firstTime;
      for (int i = 0; i < v.length; i++) {
        if (time < start || time > end) {
          v[i] = Double.NaN;
        }
        time += s.step();
      }
      out.add(s.toBuilder().name("timeSlice(" + s.name() + ", " + start + ", " + end + ")").values(v)
          .integral(s.integral()).tag("timeSliceStart", Long.toString(start))
          .tag("timeSliceEnd", Long.toString(end)).build());
    }
    return out;
  }
}
