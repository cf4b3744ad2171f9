package io.plumbago.carbon.cache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * carbon's token bucket: {@code capacity} tokens, refilled at {@code perSecond}. Used by one writer thread;
 * not thread-safe. An unlimited bucket never waits.
 */
public final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long lastNanos = System.nanoTime();

  /** A bucket of {@code capacity} tokens refilled at {@code perSecond} tokens a second (infinite: no limit). */
  public TokenBucket(double capacity, double perSecond) {
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.tokens = capacity;
  }

  /** An unlimited bucket. */
  public static TokenBucket unlimited() {
    return new TokenBucket(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /** Whether this bucket never runs out. */
  public boolean isUnlimited() {
    return capacity == Double.POSITIVE_INFINITY;
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
    lastNanos = now;
  }

  /** Takes a token if there is one now. */
  public boolean tryTake() {
    if (capacity == Double.POSITIVE_INFINITY) {
      return true;
    }
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Takes a token, waiting for one to be refilled (carbon's blocking drain of MAX_UPDATES_PER_SECOND). */
  public void take() {
    while (!tryTake()) {
      LockSupport.parkNanos(Math.max(TimeUnit.MICROSECONDS.toNanos(100), (long) ((1 - tokens) / perNano)));
    }
  }
}
