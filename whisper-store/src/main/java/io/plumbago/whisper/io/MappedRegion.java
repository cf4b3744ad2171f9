package io.plumbago.whisper.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;

/**
 * A whole file mapped into memory through Chronicle Bytes, read and written big-endian. The mapping covers exactly
 * the file's size when it was opened, so the file never grows or shrinks. Internal to whisper-store.
 *
 * <p>Chronicle Bytes uses the platform's byte order; whisper is big-endian, so every access swaps bytes
 * ({@code reverseBytes} compiles to one {@code bswap}). Not thread-safe for writes.
 */
public final class MappedRegion implements AutoCloseable {
  private final BytesStore<?, ?> bytes;
  private final long size;
  private final boolean writable;

  private MappedRegion(BytesStore<?, ?> bytes, long size, boolean writable) {
    this.bytes = bytes;
    this.size = size;
    this.writable = writable;
  }

  /** Maps all of {@code path}, read-write or read-only. */
  public static MappedRegion map(Path path, boolean writable) throws IOException {
    try (FileChannel channel = writable
        ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      MappedByteBuffer buffer =
          channel.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, size);
      BytesStore<?, ?> bytes = BytesStore.wrap(buffer);
      adviseRandomAccess(bytes, size);
      return new MappedRegion(bytes, size, writable);
    }
  }

  /**
   * Tells the kernel the mapping is read at random (madvise MADV_RANDOM): whisper touches a few slots per update,
   * and the default readahead on a page fault (up to the device's read_ahead_kb, 8 MiB here) made the first read of
   * each file pull the whole file into memory, which with thousands of files stalled updates for about a millisecond
   * each. Best effort: without the call only readahead is lost.
   */
  private static void adviseRandomAccess(BytesStore<?, ?> bytes, long size) {
    if (size == 0) {
      return;
    }
    try {
      PosixAPI.posix().madvise(bytes.addressForRead(0), size, MAdviseFlag.MADV_RANDOM);
    } catch (RuntimeException | LinkageError e) {
      // no posix binding on this platform: keep the kernel's default readahead
    }
  }

  /**
   * Makes Chronicle Bytes initialise now. Its first use registers JVM shutdown hooks; if that first use came during
   * shutdown (a cache writing its last points after SIGTERM) the registration fails and so would every write. Call
   * it when a component that will write files starts.
   */
  public static void initialise() {
    BytesStore<?, ?> probe = BytesStore.wrap(java.nio.ByteBuffer.allocateDirect(16));
    probe.writeLong(0, 1);
    probe.releaseLast();
  }

  /** Bytes mapped: the file's size. */
  public long size() {
    return size;
  }

  /** Whether writes are allowed. */
  public boolean writable() {
    return writable;
  }

  /** The big-endian unsigned 32-bit integer at {@code offset}. */
  public long readUnsignedInt(long offset) {
    return Integer.reverseBytes(bytes.readInt(offset)) & 0xFFFF_FFFFL;
  }

  /** The big-endian IEEE-754 float at {@code offset}. */
  public float readFloat(long offset) {
    return Float.intBitsToFloat(Integer.reverseBytes(bytes.readInt(offset)));
  }

  /** The big-endian IEEE-754 double at {@code offset}. */
  public double readDouble(long offset) {
    return Double.longBitsToDouble(Long.reverseBytes(bytes.readLong(offset)));
  }

  /** Writes the low 32 bits of {@code value} big-endian at {@code offset}. */
  public void writeInt(long offset, long value) {
    bytes.writeInt(offset, Integer.reverseBytes((int) value));
  }

  /** Writes {@code value} as a big-endian float at {@code offset}. */
  public void writeFloat(long offset, float value) {
    bytes.writeInt(offset, Integer.reverseBytes(Float.floatToRawIntBits(value)));
  }

  /** Writes {@code value} as a big-endian double at {@code offset}, NaN payloads unchanged. */
  public void writeDouble(long offset, double value) {
    bytes.writeLong(offset, Long.reverseBytes(Double.doubleToRawLongBits(value)));
  }

  @Override
  public void close() {
    bytes.releaseLast();
  }
}
