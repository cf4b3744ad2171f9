package io.plumbago.events.log;

import io.plumbago.events.Event;
import io.plumbago.events.EventFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events store's append-only file, {@code events.log}: a 16-byte header (magic {@code PLEV}, version, the next id
 * to hand out) then records of {@code [payload length: int][CRC32C of payload: int][payload]}, each an added event or
 * a tombstone. A record cut short by a crash (or failing its CRC) ends the log: it and anything after it are cut off on
 * open, so a store always starts. Compaction writes the live events to a new file and renames it over the old one.
 * Not thread-safe: the store serializes writers. Internal to events-core.
 */
public final class EventLog implements AutoCloseable {
  /** The log's file name inside the store's folder. */
  public static final String FILE_NAME = "events.log";
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  private static final int MAGIC = 0x504C4556; // "PLEV"
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 16;
  private static final int RECORD_HEADER_BYTES = 8;
  /** Far above the largest valid event (255 + 64 * 255 + 65 536 characters of UTF-8). */
  private static final int MAX_PAYLOAD_BYTES = 1 << 20;
  private static final byte ADD = 1;
  private static final byte DELETE = 2;

  private final Path file;
  private final boolean fsyncEachWrite;
  private FileChannel channel;
  private FileLock lock;
  private long sizeBytes;
  private long truncatedBytes;

  /** What replaying the log reports, in file order. */
  public interface Replay {
    /** An event was added. */
    void added(Event event);

    /** The event with {@code id} was deleted. */
    void deleted(long id);
  }

  private EventLog(Path file, boolean fsyncEachWrite) {
    this.file = file;
    this.fsyncEachWrite = fsyncEachWrite;
  }

  /**
   * Opens (creating if needed) the log in {@code folder}, replays every intact record into {@code replay}, cuts off a
   * torn tail, and returns the log ready to append. {@code nextId[0]} receives the header's next id.
   */
  public static EventLog open(Path folder, boolean fsyncEachWrite, Replay replay, long[] nextId) throws IOException {
    Files.createDirectories(folder);
    EventLog log = new EventLog(folder.resolve(FILE_NAME), fsyncEachWrite);
    if (!Files.exists(log.file) || Files.size(log.file) < HEADER_BYTES) {
      // new, or a crash while the very first header was written (it is written to a temporary file first, so this
      // only happens on a file system that lost the rename's data)
      writeFile(log.file, 1, List.of());
    }
    log.channel = FileChannel.open(log.file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      log.lock = log.channel.tryLock();
    } catch (OverlappingFileLockException e) {
      log.lock = null;
    }
    if (log.lock == null) {
      log.channel.close();
      throw new IOException("the events store " + folder + " is open in another process or store");
    }
    try {
      nextId[0] = log.replay(replay);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
    return log;
  }

  private long replay(Replay replay) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(header, 0);
    header.flip();
    if (header.getInt() != MAGIC || header.getInt() != VERSION) {
      throw new IOException(file + " is not a Plumbago events log (bad magic or version)");
    }
    long nextId = header.getLong();
    long length = channel.size();
    long position = HEADER_BYTES;
    Window window = new Window(position);
    CRC32C crc = new CRC32C();
    String torn = null;
    while (position < length) {
      if (!window.fill(position, RECORD_HEADER_BYTES)) {
        torn = "a record header cut short";
        break;
      }
      ByteBuffer buffer = window.buffer;
      int at = (int) (position - window.start);
      int size = buffer.getInt(at);
      int expectedCrc = buffer.getInt(at + 4);
      if (size <= 0 || size > MAX_PAYLOAD_BYTES || !window.fill(position, RECORD_HEADER_BYTES + size)) {
        torn = "a record of " + size + " bytes cut short or invalid";
        break;
      }
      buffer = window.buffer;
      at = (int) (position - window.start) + RECORD_HEADER_BYTES;
      crc.reset();
      crc.update(buffer.array(), at, size);
      if ((int) crc.getValue() != expectedCrc) {
        torn = "a record failing its CRC";
        break;
      }
      try {
        decode(ByteBuffer.wrap(buffer.array(), at, size).slice(), replay);
      } catch (RuntimeException e) {
        torn = "a record that does not decode (" + e.getMessage() + ")";
        break;
      }
      position += RECORD_HEADER_BYTES + size;
    }
    if (torn != null) {
      truncatedBytes = length - position;
      LOG.warn("{}: {} at byte {}; cutting off the last {} bytes (an unacknowledged write torn by a crash)", file,
          torn, position, truncatedBytes);
      channel.truncate(position);
      channel.force(true);
    }
    sizeBytes = position;
    return nextId;
  }

  /** A window of the file read in large chunks, so replaying a million records is not two million reads. */
  private final class Window {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 22).limit(0);
    long start;

    Window(long start) {
      this.start = start;
    }

    /** Makes the {@code bytes} bytes at file {@code position} readable; false at the end of the file. */
    boolean fill(long position, int bytes) throws IOException {
      int offset = (int) (position - start);
      if (offset + bytes <= buffer.limit()) {
        return true;
      }
      ByteBuffer next = bytes > buffer.capacity() ? ByteBuffer.allocate(bytes * 2) : buffer;
      int kept = buffer.limit() - offset;
      System.arraycopy(buffer.array(), offset, next.array(), 0, kept);
      buffer = next;
      start = position;
      buffer.limit(buffer.capacity()).position(kept);
      while (buffer.position() < bytes) {
        int n = channel.read(buffer, start + buffer.position());
        if (n < 0) {
          break;
        }
      }
      // read on until the buffer is full or the file ends, so the next records are in memory too
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, start + buffer.position());
        if (n <= 0) {
          break;
        }
      }
      buffer.limit(buffer.position()).position(0);
      return buffer.limit() >= bytes;
    }
  }

  private static void decode(ByteBuffer in, Replay replay) {
    byte type = in.get();
    long id = in.getLong();
    if (type == DELETE) {
      replay.deleted(id);
      return;
    }
    if (type != ADD) {
      throw new EventFormatException("unknown record type " + type);
    }
    double when = in.getDouble();
    String what = string(in);
    int tagCount = in.getInt();
    if (tagCount < 0 || tagCount > Event.MAX_TAGS) {
      throw new EventFormatException("bad tag count " + tagCount);
    }
    Set<String> tags = new LinkedHashSet<>();
    for (int i = 0; i < tagCount; i++) {
      tags.add(string(in));
    }
    String data = string(in);
    replay.added(new Event(id, when, what, tags, data));
  }

  private static String string(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new EventFormatException("bad string length " + n);
    }
    String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }

  private static ByteBuffer encode(Event event) {
    byte[] what = event.what().getBytes(StandardCharsets.UTF_8);
    byte[] data = event.data().getBytes(StandardCharsets.UTF_8);
    List<byte[]> tags = new ArrayList<>(event.tags().size());
    int size = 1 + 8 + 8 + 4 + what.length + 4 + 4 + data.length;
    for (String tag : event.tags()) {
      byte[] t = tag.getBytes(StandardCharsets.UTF_8);
      tags.add(t);
      size += 4 + t.length;
    }
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + size);
    record.position(RECORD_HEADER_BYTES);
    record.put(ADD).putLong(event.id()).putDouble(event.whenSeconds());
    record.putInt(what.length).put(what).putInt(tags.size());
    for (byte[] t : tags) {
      record.putInt(t.length).put(t);
    }
    record.putInt(data.length).put(data);
    return seal(record);
  }

  private static ByteBuffer tombstone(long id) {
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + 9);
    record.position(RECORD_HEADER_BYTES);
    record.put(DELETE).putLong(id);
    return seal(record);
  }

  private static ByteBuffer seal(ByteBuffer record) {
    int size = record.position() - RECORD_HEADER_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(record.array(), RECORD_HEADER_BYTES, size);
    record.putInt(0, size).putInt(4, (int) crc.getValue());
    return record.flip();
  }

  /** Appends {@code event}; durable on return when fsync is on. */
  public void appendAdd(Event event) throws IOException {
    append(encode(event));
  }

  /** Appends a tombstone for {@code id}; durable on return when fsync is on. */
  public void appendDelete(long id) throws IOException {
    append(tombstone(id));
  }

  private void append(ByteBuffer record) throws IOException {
    long start = sizeBytes;
    try {
      long position = start;
      while (record.hasRemaining()) {
        position += channel.write(record, position);
      }
      if (fsyncEachWrite) {
        channel.force(false);
      }
      sizeBytes = position;
    } catch (IOException e) {
      // never leave half a record before the next one: it would hide every later record on replay
      try {
        channel.truncate(start);
      } catch (IOException ignored) {
        e.addSuppressed(ignored);
      }
      throw e;
    }
  }

  /**
   * Replaces the log with one holding only {@code live} (and {@code nextId}, so ids are never reused), atomically:
   * a crash leaves either the old log or the new one.
   */
  public void rewrite(Iterable<Event> live, long nextId) throws IOException {
    List<ByteBuffer> records = new ArrayList<>();
    for (Event e : live) {
      records.add(encode(e));
    }
    // the new file replaces the old one by a rename; until then the old log stays open and valid
    writeFile(file, nextId, records);
    FileChannel old = channel;
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    lock = channel.lock();
    old.close();
    sizeBytes = channel.size();
  }

  private static void writeFile(Path file, long nextId, List<ByteBuffer> records) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(nextId).flip();
      while (header.hasRemaining()) {
        out.write(header);
      }
      for (ByteBuffer r : records) {
        while (r.hasRemaining()) {
          out.write(r);
        }
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException notSupported) {
      // some file systems cannot sync a directory; the rename is still atomic
    }
  }

  private void readFully(ByteBuffer into, long position) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = channel.read(into, at);
      if (n < 0) {
        throw new IOException(file + ": unexpected end of file at byte " + at);
      }
      at += n;
    }
  }

  /** The log's length in bytes. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** How many bytes of a torn tail were cut off when the log was opened. */
  public long truncatedBytes() {
    return truncatedBytes;
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      channel.close(); // releases the lock
    }
  }
}
