package io.plumbago.whisper;

/**
 * How a whisper file consolidates the points of a finer archive into one point of a coarser archive. The
 * {@link #code()} is the number stored in the file header.
 */
public enum AggregationMethod {
  AVERAGE(1, "average"),
  SUM(2, "sum"),
  LAST(3, "last"),
  MAX(4, "max"),
  MIN(5, "min"),
  AVG_ZERO(6, "avg_zero"),
  ABSMAX(7, "absmax"),
  ABSMIN(8, "absmin");

  private final int code;
  private final String whisperName;

  AggregationMethod(int code, String whisperName) {
    this.code = code;
    this.whisperName = whisperName;
  }

  /** The aggregationType number stored in a whisper header (1 = average … 8 = absmin). */
  public int code() {
    return code;
  }

  /** The name whisper and storage-aggregation.conf use, e.g. {@code avg_zero}. */
  public String whisperName() {
    return whisperName;
  }

  /** The method stored as {@code code} in a header, or {@code null} when the code is unknown. */
  public static AggregationMethod fromCode(int code) {
    return code >= 1 && code <= 8 ? values()[code - 1] : null;
  }

  /** Parses whisper's name for a method; throws {@link WhisperFormatException} for any other word. */
  public static AggregationMethod fromName(String name) {
    for (AggregationMethod m : values()) {
      if (m.whisperName.equals(name)) {
        return m;
      }
    }
    throw new WhisperFormatException("Unrecognized aggregation method: " + name);
  }

  /**
   * Aggregates a window of {@code count} slots as whisper's propagation does. {@code values[i]} is the value of slot
   * {@code i}, NaN where the slot is unknown; at least one slot is known. Sums add left to right like Python 3.11's
   * {@code sum()}.
   */
  public double aggregate(double[] values, int count) {
    double acc = 0;
    int known = 0;
    double pick = Double.NaN;
    for (int i = 0; i < count; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      switch (this) {
        case AVERAGE, SUM, AVG_ZERO -> acc += v;
        case LAST -> pick = v;
        case MAX -> pick = known == 0 || v > pick ? v : pick;
        case MIN -> pick = known == 0 || v < pick ? v : pick;
        case ABSMAX -> pick = known == 0 || Math.abs(v) > Math.abs(pick) ? v : pick;
        case ABSMIN -> pick = known == 0 || Math.abs(v) < Math.abs(pick) ? v : pick;
      }
      known++;
    }
    return switch (this) {
      case AVERAGE -> acc / known;
      case SUM -> acc;
      case AVG_ZERO -> acc / count;
      default -> pick;
    };
  }
}
