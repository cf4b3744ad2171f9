package io.plumbago.statsd.aggregate;

import java.util.HashSet;

/**
 * One key of one metric type in a {@link Shard}, with the state of the current interval. Guarded by its shard's
 * lock.
 */
final class Metric {
  static final byte COUNTER = 0;
  static final byte TIMER = 1;
  static final byte GAUGE = 2;
  static final byte SET = 3;

  final byte kind;
  /** The sanitised key, ASCII (Etsy's sanitising keeps only ASCII), as the table compares it. */
  final byte[] key;
  final int hash;
  final String name;
  /** When the key was first seen, across shards: Etsy emits keys in insertion order. */
  final long order;
  Metric next;
  /** A counter's sum, a gauge's value, a timer's sample-rate corrected count. */
  double value;
  /** A timer's samples this interval: exact values, or a bounded histogram. */
  TimerSamples samples;
  HashSet<String> members;
  /** Flushes a gauge survives without an update, with deleteGauges. */
  int ttl;

  Metric(byte kind, byte[] key, int hash, long order) {
    this.kind = kind;
    this.key = key;
    this.hash = hash;
    this.order = order;
    this.name = new String(key, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
