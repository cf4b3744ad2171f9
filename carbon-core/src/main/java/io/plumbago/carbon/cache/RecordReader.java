package io.plumbago.carbon.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads back the records {@link WalBatch} writes, one at a time from a file position, checking each one's length and
 * CRC-32C before giving any of its points. Shared by the write-ahead log's replay and the relay's spill queue. Not
 * thread-safe.
 */
public final class RecordReader {
  private static final int MAX_RECORD_BYTES = 1 << 30;

  /** Receives the points of a whole record, in the order they were added. */
  @FunctionalInterface
  public interface PointConsumer {
    /** One point. */
    void accept(String metric, long timestampSeconds, double value);
  }

  private final ByteBuffer header = ByteBuffer.allocate(WalBatch.HEADER_BYTES);
  private final CRC32C crc = new CRC32C();

  /**
   * Reads the record at {@code position} of a file of {@code size} bytes and gives its points to {@code into}; returns
   * the position after it, or -1 (giving nothing) when the record there is torn or damaged.
   */
  public long read(FileChannel in, long position, long size, PointConsumer into) throws IOException {
    header.clear();
    if (readFully(in, header, position) < WalBatch.HEADER_BYTES) {
      return -1;
    }
    int length = header.getInt(0);
    if (length <= 0 || length > MAX_RECORD_BYTES || position + WalBatch.HEADER_BYTES + length > size) {
      return -1;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    if (readFully(in, payload, position + WalBatch.HEADER_BYTES) < length) {
      return -1;
    }
    payload.flip();
    crc.reset();
    crc.update(payload.duplicate());
    if ((int) crc.getValue() != header.getInt(4)) {
      return -1;
    }
    while (payload.hasRemaining()) {
      int nameBytes = Short.toUnsignedInt(payload.getShort());
      String metric = new String(payload.array(), payload.position(), nameBytes, StandardCharsets.UTF_8);
      payload.position(payload.position() + nameBytes);
      into.accept(metric, payload.getLong(), payload.getDouble());
    }
    return position + WalBatch.HEADER_BYTES + length;
  }

  private static int readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
    int total = 0;
    while (into.hasRemaining()) {
      int n = in.read(into, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
