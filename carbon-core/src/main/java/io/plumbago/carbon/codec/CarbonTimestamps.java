package io.plumbago.carbon.codec;

/**
 * carbon's reading of a point's timestamp, shared by the plaintext and pickle codecs: a value whose integer part is
 * -1 means "now"; other values are truncated to whole seconds and must lie in [0, 2^32) (whisper's unsigned 32-bit
 * field: carbon would pass the rest on and whisper would silently lose them). Internal.
 */
public final class CarbonTimestamps {
  /** What {@link #toSeconds} returns for a timestamp that is refused. */
  public static final long REFUSED = Long.MIN_VALUE;
  private static final long LIMIT = 1L << 32;

  private CarbonTimestamps() {}

  /** The timestamp in whole seconds, {@code nowSeconds} for -1, or {@link #REFUSED}. */
  public static long toSeconds(double timestamp, long nowSeconds) {
    if (timestamp > -2 && timestamp <= -1) {
      return nowSeconds;
    }
    if (timestamp >= 0 && timestamp < LIMIT) {
      return (long) timestamp;
    }
    return REFUSED;
  }
}
