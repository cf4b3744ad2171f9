package io.plumbago.whisper;

/**
 * Points read from a whisper file: {@code values[i]} belongs to {@code fromSeconds + i * stepSeconds}; NaN where
 * whisper returns {@code None}. {@code untilSeconds} is exclusive, as whisper's {@code timeInfo} tuple is.
 */
public record FetchResult(long fromSeconds, long untilSeconds, long stepSeconds, double[] values) {
  /** The timestamp of {@code values[i]}. */
  public long timestampAt(int i) {
    return fromSeconds + i * stepSeconds;
  }
}
