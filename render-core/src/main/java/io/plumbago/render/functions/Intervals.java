package io.plumbago.render.functions;

import io.plumbago.render.RenderException;
import io.plumbago.render.time.AtTime;

/**
 * graphite-web's {@code parseTimeOffset} for function arguments such as {@code '5min'}, {@code '-1d'},
 * {@code '1h30min'}: an optional sign, then number-unit pairs; months are 30 days, years 365. The parsing is the
 * time package's, shared with {@code from}/{@code until} offsets.
 */
public final class Intervals {
  private Intervals() {}

  /** {@code offset} in seconds, signed; "" is 0. A 400 naming the offset for anything else. */
  public static long seconds(String offset) {
    try {
      return AtTime.offsetSeconds(offset);
    } catch (RenderException e) {
      throw new RenderException(400, "Invalid offset: '" + offset + "'");
    }
  }
}
