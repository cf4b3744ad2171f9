package io.plumbago.client;

/** The range checks of the builders' arguments. */
final class Args {
  private Args() {}

  /** {@code value}, or an {@link IllegalArgumentException} naming {@code what} when it is outside min..max. */
  static long within(long value, long min, long max, String what) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " " + value + ", expected " + min + ".." + max);
    }
    return value;
  }
}
