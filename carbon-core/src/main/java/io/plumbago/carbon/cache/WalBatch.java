package io.plumbago.carbon.cache;

import io.plumbago.carbon.CarbonProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The points one thread accepted since its last batch ended, kept both as values (to hold in the cache) and encoded
 * as one write-ahead-log record: {@code [int payloadBytes][int crc32c(payload)]} then, per point,
 * {@code [unsigned short nameBytes][UTF-8 name][long timestampSeconds][double value]}, all big-endian. Owned by one
 * thread; not thread-safe.
 */
public final class WalBatch {
  /** Bytes before the payload: its length and its CRC-32C. */
  static final int HEADER_BYTES = 8;
  /** The longest metric name a record can carry, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 0xFFFF;

  private ByteBuffer record = ByteBuffer.allocateDirect(64 * 1024);
  private String[] names = new String[256];
  private long[] timestamps = new long[256];
  private double[] values = new double[256];
  private int count;
  private final CRC32C crc = new CRC32C();

  /** An empty batch. */
  public WalBatch() {
    record.position(HEADER_BYTES);
  }

  /** Adds a point; refuses a name longer than {@link #MAX_NAME_BYTES} bytes. */
  public void add(String metric, long timestampSeconds, double value) {
    if (!putAscii(metric)) {
      byte[] name = metric.getBytes(StandardCharsets.UTF_8);
      if (name.length > MAX_NAME_BYTES) {
        throw new CarbonProtocolException("metric name of " + name.length + " bytes is too long to log");
      }
      ensureRecord(2 + name.length + 16);
      record.putShort((short) name.length).put(name);
    }
    record.putLong(timestampSeconds).putDouble(value);
    if (count == names.length) {
      names = java.util.Arrays.copyOf(names, count * 2);
      timestamps = java.util.Arrays.copyOf(timestamps, count * 2);
      values = java.util.Arrays.copyOf(values, count * 2);
    }
    names[count] = metric;
    timestamps[count] = timestampSeconds;
    values[count] = value;
    count++;
  }

  /**
   * Writes the name's length and bytes when every character is ASCII (its UTF-8 is then one byte a character), the
   * usual case, without encoding it into a new array first; false, having written nothing, otherwise.
   */
  private boolean putAscii(String metric) {
    int chars = metric.length();
    if (chars > MAX_NAME_BYTES) {
      return false;
    }
    ensureRecord(2 + chars + 16);
    int start = record.position();
    for (int i = 0; i < chars; i++) {
      char c = metric.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      record.put(start + 2 + i, (byte) c);
    }
    record.putShort(start, (short) chars).position(start + 2 + chars);
    return true;
  }

  private void ensureRecord(int more) {
    if (record.remaining() < more) {
      ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(record.capacity() * 2, record.position() + more));
      record.flip();
      bigger.put(record);
      record = bigger;
    }
  }

  /** Points in the batch. */
  public int size() {
    return count;
  }

  /** The i-th point's metric. */
  public String metric(int i) {
    return names[i];
  }

  /** The i-th point's timestamp in seconds. */
  public long timestampSeconds(int i) {
    return timestamps[i];
  }

  /** The i-th point's value. */
  public double value(int i) {
    return values[i];
  }

  /** The record's size in bytes so far, header included. */
  public int encodedBytes() {
    return record.position();
  }

  /** The whole record, header filled in, ready to write (position 0, limit at its end). */
  public ByteBuffer sealed() {
    int end = record.position();
    int payload = end - HEADER_BYTES;
    ByteBuffer body = record.duplicate();
    body.position(HEADER_BYTES).limit(end);
    crc.reset();
    crc.update(body);
    record.putInt(0, payload).putInt(4, (int) crc.getValue());
    ByteBuffer out = record.duplicate();
    out.position(0).limit(end);
    return out;
  }

  /** Empties the batch for reuse. */
  public void clear() {
    java.util.Arrays.fill(names, 0, count, null);
    count = 0;
    record.clear().position(HEADER_BYTES);
  }
}
