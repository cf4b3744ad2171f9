package io.plumbago.render.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A series while a request is evaluated, as graphite-web's {@code TimeSeries}: name, window {@code [start, end)} and
 * step in seconds, one value per step (NaN for None), tags, the path expression that fetched it, the consolidation
 * function and xFilesFactor used when points are merged, and {@code valuesPerPoint} (1 until the output is
 * consolidated). Immutable: every change is a copy through {@link #toBuilder()}. The values array is shared, never
 * written after construction; {@link #values()} hands it out without copying for speed, so callers must not write it.
 */
public final class Series {
  private final String name;
  private final long start;
  private final long end;
  private final long step;
  private final double[] values;
  private final Map<String, String> tags;
  private final String pathExpression;
  private final String consolidationFunc;
  private final double xFilesFactor;
  private final int valuesPerPoint;
  private final boolean integral;
  private double[] consolidated;

  private Series(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    if (b.step <= 0) {
      throw new IllegalArgumentException("step must be positive: " + b.step);
    }
    this.start = b.start;
    this.end = b.end;
    this.step = b.step;
    this.values = Objects.requireNonNull(b.values, "values");
    this.tags = b.tags == null ? Tags.parse(name)
        : b.tagsOwned ? b.tags : Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    this.pathExpression = b.pathExpression == null ? name : b.pathExpression;
    this.consolidationFunc = b.consolidationFunc;
    this.xFilesFactor = b.xFilesFactor;
    this.valuesPerPoint = b.valuesPerPoint;
    this.integral = b.integral;
  }

  /** A new series; tags default to those parsed from the name as graphite-web does. */
  public static Builder builder(String name, long start, long end, long step, double[] values) {
    Builder b = new Builder();
    b.name = name;
    b.start = start;
    b.end = end;
    b.step = step;
    b.values = values;
    return b;
  }

  /** A builder starting from this series. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.start = start;
    b.end = end;
    b.step = step;
    b.values = values;
    b.tags = tags;
    b.tagsOwned = true;
    b.pathExpression = pathExpression;
    b.consolidationFunc = consolidationFunc;
    b.xFilesFactor = xFilesFactor;
    b.valuesPerPoint = valuesPerPoint;
    b.integral = integral;
    return b;
  }

  /** This series renamed, everything else kept (graphite-web's {@code series.name = ...}). */
  public Series withName(String newName) {
    return toBuilder().name(newName).build();
  }

  /** This series with other values, everything else kept. */
  public Series withValues(double[] newValues) {
    return toBuilder().values(newValues).build();
  }

  /** This series with one more tag. */
  public Series withTag(String key, String value) {
    return toBuilder().tag(key, value).build();
  }


  public String name() {
    return name;
  }

  /** Start of the window, seconds since the epoch. */
  public long start() {
    return start;
  }

  /** End of the window, seconds since the epoch. */
  public long end() {
    return end;
  }

  /** Seconds between values. */
  public long step() {
    return step;
  }

  /** The raw values (not consolidated); do not write. */
  public double[] values() {
    return values;
  }

  /** How many raw values. */
  public int length() {
    return values.length;
  }

  /** Raw value {@code i}; NaN for None. */
  public double get(int i) {
    return values[i];
  }

  /** The tags, read-only. */
  public Map<String, String> tags() {
    return tags;
  }

  public String pathExpression() {
    return pathExpression;
  }

  public String consolidationFunc() {
    return consolidationFunc;
  }

  public double xFilesFactor() {
    return xFilesFactor;
  }

  public int valuesPerPoint() {
    return valuesPerPoint;
  }

  /** Whether graphite-web holds the values as Python ints (counts), which its formats print without ".0". */
  public boolean integral() {
    return integral;
  }

  /**
   * The values as graphite-web iterates them: consolidated {@code valuesPerPoint} at a time with
   * {@link #consolidationFunc()} and {@link #xFilesFactor()} when {@code valuesPerPoint > 1} (worked out once), else
   * the raw values. Do not write.
   */
  public double[] iterated() {
    if (valuesPerPoint <= 1) {
      return values;
    }
    double[] done = consolidated; // computed once; a race only computes the same values twice
    if (done == null) {
      done = Consolidation.consolidate(values, valuesPerPoint, consolidationFunc, xFilesFactor);
      consolidated = done;
    }
    return done;
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + start + ".." + end + " step " + step + ", " + values.length + " values]";
  }

  /** Builds a {@link Series}. */
  public static final class Builder {
    private String name;
    private long start;
    private long end;
    private long step;
    private double[] values;
    private Map<String, String> tags;
    private boolean tagsOwned; // tags is a read-only map no one else changes: the series can keep it
    private String pathExpression;
    private String consolidationFunc = "average";
    private double xFilesFactor;
    private int valuesPerPoint = 1;
    private boolean integral;

    private Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder start(long v) {
      start = v;
      return this;
    }

    public Builder end(long v) {
      end = v;
      return this;
    }

    public Builder step(long v) {
      step = v;
      return this;
    }

    /** New values; they are floats unless {@link #integral} is set after this. */
    public Builder values(double[] v) {
      values = v;
      integral = false;
      return this;
    }

    /** Marks the values as Python ints. */
    public Builder integral(boolean v) {
      integral = v;
      return this;
    }

    /** Tags; null means "parse them from the name". */
    public Builder tags(Map<String, String> v) {
      tags = v;
      tagsOwned = false;
      return this;
    }
    /** Sets one tag (graphite-web's {@code series.tags[key] = value}) on the tags so far, parsed from the name if none. */
    public Builder tag(String key, String value) {
      Map<String, String> t = new LinkedHashMap<>(tags == null ? Tags.parse(name) : tags);
      t.put(key, value);
      tags = Collections.unmodifiableMap(t);
      tagsOwned = true;
      return this;
    }


    public Builder pathExpression(String v) {
      pathExpression = v;
      return this;
    }

    public Builder consolidationFunc(String v) {
      consolidationFunc = v;
      return this;
    }

    public Builder xFilesFactor(double v) {
      xFilesFactor = v;
      return this;
    }

    public Builder valuesPerPoint(int v) {
      valuesPerPoint = v;
      return this;
    }

    public Series build() {
      return new Series(this);
    }
  }
}
