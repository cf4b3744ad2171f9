package io.plumbago.client;

/** The status of a DogStatsD service check, sent as its number. */
public enum ServiceCheckStatus {
  /** 0. */
  OK,
  /** 1. */
  WARNING,
  /** 2. */
  CRITICAL,
  /** 3. */
  UNKNOWN
}
