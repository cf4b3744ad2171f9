package io.plumbago.carbon.server;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval and says how many were held back, so a flood of bad input cannot flood
 * the log. Thread-safe. Internal to Plumbago; not part of carbon-core's API.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /** Logs to {@code log} at most once every {@code intervalMillis} milliseconds. */
  public RateLimitedLog(Logger log, long intervalMillis) {
    this.log = log;
    this.intervalNanos = intervalMillis * 1_000_000L;
  }

  /** Logs {@code message} as a warning unless another was logged within the interval. */
  public void warn(String message) {
    long now = System.nanoTime();
    long next = nextNanos.get();
    if ((next == Long.MIN_VALUE || now - next >= 0) && nextNanos.compareAndSet(next, now + intervalNanos)) {
      long held = suppressed.getAndSet(0);
      if (held > 0) {
        log.warn("{} ({} more like it not logged)", message, held);
      } else {
        log.warn(message);
      }
    } else {
      suppressed.incrementAndGet();
    }
  }
}
