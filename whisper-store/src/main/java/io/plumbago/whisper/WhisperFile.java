package io.plumbago.whisper;

import io.plumbago.whisper.io.MappedRegion;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One whisper file, read and written exactly as python whisper 1.1.4 does: same header, same slots, same choice of
 * archive, same propagation to coarser archives, same fetch rounding. The file is mapped whole and never changes
 * size.
 *
 * <p>Timestamps are epoch seconds; every method that depends on the current time takes it as {@code nowSeconds}.
 * An instance is not thread-safe: one thread writes at a time. A concurrent reader of the same file (another
 * instance) sees each slot as it was before or after a write, never a torn header.
 */
public final class WhisperFile implements Closeable {
  static final int METADATA_SIZE = 16;
  static final int ARCHIVE_INFO_SIZE = 12;
  static final int POINT_SIZE = 12;

  private final Path path;
  private final MappedRegion region;
  private AggregationMethod aggregationMethod;
  private float xFilesFactor;
  private final long maxRetention;
  private final long[] offsets;
  private final int[] steps;
  private final int[] pointCounts;
  private Scratch ownScratch; // for the public update methods; WhisperDatabase brings one per writing thread

  private WhisperFile(Path path, MappedRegion region) {
    this.path = path;
    this.region = region;
    long size = region.size();
    if (size < METADATA_SIZE) {
      throw corrupt("Unable to read header: file has " + size + " bytes, a header needs " + METADATA_SIZE);
    }
    int code = (int) region.readUnsignedInt(0);
    this.aggregationMethod = AggregationMethod.fromCode(code);
    if (aggregationMethod == null) {
      throw corrupt("Unable to read header: unknown aggregation type " + code);
    }
    this.maxRetention = region.readUnsignedInt(4);
    this.xFilesFactor = region.readFloat(8);
    if (!(xFilesFactor >= 0 && xFilesFactor <= 1)) {
      throw corrupt("Unable to read header: xFilesFactor " + xFilesFactor + " is not between 0 and 1");
    }
    long count = region.readUnsignedInt(12);
    if (count == 0 || METADATA_SIZE + count * ARCHIVE_INFO_SIZE > size) {
      throw corrupt("Unable to read header: " + count + " archives do not fit in " + size + " bytes");
    }
    int n = (int) count;
    offsets = new long[n];
    steps = new int[n];
    pointCounts = new int[n];
    for (int i = 0; i < n; i++) {
      long at = METADATA_SIZE + (long) i * ARCHIVE_INFO_SIZE;
      offsets[i] = region.readUnsignedInt(at);
      long step = region.readUnsignedInt(at + 4);
      long points = region.readUnsignedInt(at + 8);
      if (step == 0 || step > Integer.MAX_VALUE || points == 0 || points > Integer.MAX_VALUE) {
        throw corrupt("Unable to read archive" + i + " metadata: " + step + " seconds per point, " + points + " points");
      }
      steps[i] = (int) step;
      pointCounts[i] = (int) points;
      if (offsets[i] < METADATA_SIZE + count * ARCHIVE_INFO_SIZE || offsets[i] + points * POINT_SIZE > size) {
        throw corrupt("archive" + i + " (offset " + offsets[i] + ", " + points + " points) lies outside the file of "
            + size + " bytes: the file is truncated or corrupt");
      }
    }
  }

  /** Opens an existing whisper file for reading and writing. */
  public static WhisperFile open(Path path) throws IOException {
    return open(path, true);
  }

  /** Opens an existing whisper file for reading only. */
  public static WhisperFile openReadOnly(Path path) throws IOException {
    return open(path, false);
  }

  private static WhisperFile open(Path path, boolean writable) throws IOException {
    MappedRegion region = MappedRegion.map(path, writable);
    try {
      return new WhisperFile(path, region);
    } catch (RuntimeException e) {
      region.close();
      throw e;
    }
  }

  /**
   * Creates a whisper file as {@code whisper.create} does and opens it. {@code archives} are validated with
   * whisper's rules. The file appears whole or not at all (it is written aside, then linked into place); an existing
   * file is an error, as in whisper. {@code sparse} leaves the data area as a hole instead of writing zeros; the bytes
   * read back are identical.
   */
  public static WhisperFile create(Path path, List<Retention> archives, float xFilesFactor,
      AggregationMethod aggregationMethod, boolean sparse) throws IOException {
    List<Retention> sorted = Retention.validate(archives);
    if (!(xFilesFactor >= 0 && xFilesFactor <= 1)) {
      throw new WhisperFormatException("Invalid xFilesFactor " + xFilesFactor + ", not between 0 and 1");
    }
    if (Files.exists(path)) {
      throw new FileAlreadyExistsException(path.toString(), null, "File " + path + " already exists!");
    }
    int headerSize = METADATA_SIZE + ARCHIVE_INFO_SIZE * sorted.size();
    ByteBuffer header = ByteBuffer.allocate(headerSize).order(ByteOrder.BIG_ENDIAN);
    long maxRetention = 0;
    for (Retention r : sorted) {
      maxRetention = Math.max(maxRetention, r.retentionSeconds());
    }
    header.putInt(aggregationMethod.code()).putInt((int) maxRetention).putFloat(xFilesFactor).putInt(sorted.size());
    long offset = headerSize;
    for (Retention r : sorted) {
      header.putInt((int) offset).putInt(r.secondsPerPoint()).putInt(r.points());
      offset += (long) r.points() * POINT_SIZE;
    }
    if (offset > 0xFFFF_FFFFL) {
      throw new WhisperFormatException("Archives of " + offset + " bytes do not fit whisper's 32-bit offsets");
    }
    header.flip();
    Path parent = path.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(parent, "." + path.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        while (header.hasRemaining()) {
          channel.write(header);
        }
        if (sparse) {
          try (RandomAccessFile raf = new RandomAccessFile(temp.toFile(), "rw")) {
            raf.setLength(offset);
          }
        } else {
          ByteBuffer zeros = ByteBuffer.allocate(16384);
          long remaining = offset - headerSize;
          while (remaining > 0) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), remaining));
            remaining -= channel.write(zeros);
          }
        }
      }
      Files.createLink(path, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
    return open(path);
  }

  /** The file this instance maps. */
  public Path path() {
    return path;
  }

  /** The header: aggregation method, max retention, xFilesFactor and archives, as {@code whisper.info}. */
  public WhisperInfo info() {
    List<ArchiveInfo> archives = new ArrayList<>(offsets.length);
    for (int i = 0; i < offsets.length; i++) {
      archives.add(new ArchiveInfo(offsets[i], steps[i], pointCounts[i]));
    }
    return new WhisperInfo(aggregationMethod, maxRetention, xFilesFactor, archives);
  }

  /**
   * Writes one point as {@code whisper.update}: into the finest archive covering its age, then propagated. A
   * timestamp in the future or at least {@code maxRetention} old is a {@link WhisperFormatException}, as whisper's
   * {@code TimestampNotCovered}.
   */
  public void update(double value, long timestampSeconds, long nowSeconds) {
    checkWritable();
    Scratch s = ownScratch();
    long diff = nowSeconds - timestampSeconds;
    if (diff < 0 || diff >= maxRetention) {
      throw new WhisperFormatException("Timestamp not covered by any archives in this database: "
          + timestampSeconds + " (now " + nowSeconds + ") in " + path);
    }
    checkTimestamp(timestampSeconds);
    int archive = 0;
    while (retention(archive) < diff) {
      archive++;
    }
    long interval = timestampSeconds - Math.floorMod(timestampSeconds, steps[archive]);
    writePoint(archive, interval, value);
    for (int higher = archive, lower = archive + 1; lower < offsets.length; higher = lower, lower++) {
      if (!propagate(s, interval, higher, lower)) {
        break;
      }
    }
  }

  /**
   * Writes many points as {@code whisper.update_many}: each point goes to the finest archive whose retention covers
   * its age; points older than every archive are dropped silently and points in the future land in the finest
   * archive, as whisper does. Of two points for the same slot the later one in time wins; of two with the very same
   * timestamp, the first given wins. Timestamps must lie in whisper's unsigned 32-bit range.
   */
  public void updateMany(long[] timestampsSeconds, double[] values, int count, long nowSeconds) {
    updateMany(timestampsSeconds, values, count, nowSeconds, ownScratch());
  }

  /** {@link #updateMany(long[], double[], int, long)} working in {@code s} (one per writing thread). */
  void updateMany(long[] timestampsSeconds, double[] values, int count, long nowSeconds, Scratch s) {
    checkWritable();
    if (count == 0) {
      return;
    }
    for (int i = 0; i < count; i++) {
      checkTimestamp(timestampsSeconds[i]);
    }
    sortNewestFirst(s, timestampsSeconds, values, count);
    int archive = 0;
    int groupStart = 0;
    int i = 0;
    for (; i < count; i++) {
      long age = nowSeconds - s.sortTimes[i];
      while (retention(archive) < age) {
        if (i > groupStart) {
          archiveUpdateMany(s, archive, groupStart, i);
        }
        groupStart = i;
        archive++;
        if (archive == offsets.length) {
          return; // this and every older point is beyond the last archive: dropped, as whisper does
        }
      }
    }
    if (i > groupStart) {
      archiveUpdateMany(s, archive, groupStart, i);
    }
  }

  /**
   * Reads {@code (from, until]} as {@code whisper.fetch}: picks the finest archive covering {@code from}, clamps the
   * range to what the file covers and rounds it to the archive's step. Returns {@code null} when the whole range is
   * in the future or older than the file covers, as whisper returns {@code None}.
   */
  public FetchResult fetch(long fromSeconds, long untilSeconds, long nowSeconds) {
    if (fromSeconds > untilSeconds) {
      throw new WhisperFormatException("Invalid time interval: from time '" + fromSeconds
          + "' is after until time '" + untilSeconds + "'");
    }
    long oldest = nowSeconds - maxRetention;
    if (fromSeconds > nowSeconds || untilSeconds < oldest) {
      return null;
    }
    long from = Math.max(fromSeconds, oldest);
    long until = Math.min(untilSeconds, nowSeconds);
    long diff = nowSeconds - from;
    int archive = 0;
    while (archive < offsets.length - 1 && retention(archive) < diff) {
      archive++;
    }
    return fetchArchive(archive, from, until);
  }

  private FetchResult fetchArchive(int archive, long from, long until) {
    int step = steps[archive];
    long fromInterval = from - Math.floorMod(from, step) + step;
    long untilInterval = until - Math.floorMod(until, step) + step;
    if (fromInterval == untilInterval) {
      untilInterval += step;
    }
    int n = (int) ((untilInterval - fromInterval) / step);
    double[] values = new double[n];
    long base = region.readUnsignedInt(offsets[archive]);
    if (base == 0) {
      java.util.Arrays.fill(values, Double.NaN);
      return new FetchResult(fromInterval, untilInterval, step, values);
    }
    // consecutive intervals sit in consecutive slots, wrapping at the archive's end
    int count = pointCounts[archive];
    long start = offsets[archive];
    int slot = (int) ((slotOffset(archive, base, fromInterval) - start) / POINT_SIZE);
    long expected = fromInterval;
    for (int i = 0; i < n; i++) {
      values[i] = readSlot(archive, start + (long) slot * POINT_SIZE, expected);
      expected += step;
      if (++slot == count) {
        slot = 0;
      }
    }
    return new FetchResult(fromInterval, untilInterval, step, values);
  }

  @Override
  public void close() {
    region.close();
  }

  private long retention(int archive) {
    return (long) steps[archive] * pointCounts[archive];
  }

  private long slotOffset(int archive, long baseInterval, long interval) {
    long pointDistance = Math.floorDiv(interval - baseInterval, steps[archive]);
    return offsets[archive] + Math.floorMod(pointDistance, pointCounts[archive]) * POINT_SIZE;
  }

  private double readSlot(int archive, long offset, long expectedInterval) {
    return region.readUnsignedInt(offset) == expectedInterval ? region.readDouble(offset + 4) : Double.NaN;
  }

  private void writePoint(int archive, long interval, double value) {
    long base = region.readUnsignedInt(offsets[archive]);
    long offset = base == 0 ? offsets[archive] : slotOffset(archive, base, interval);
    region.writeInt(offset, interval);
    region.writeDouble(offset + 4, value);
  }

  /** Writes sorted points [start, end) — newest first — into {@code archive}, then propagates. */
  private void archiveUpdateMany(Scratch s, int archive, int start, int end) {
    int step = steps[archive];
    long archiveBase = region.readUnsignedInt(offsets[archive]);
    int alignedCount = 0;
    // Walk oldest to newest. Of consecutive points in one interval whisper keeps the last, which after its stable
    // newest-first sort and reversal is the newest raw timestamp, and of equal timestamps the first given.
    for (int i = end - 1; i >= start; i--) {
      long interval = s.sortTimes[i] - Math.floorMod(s.sortTimes[i], step);
      if (i > start && s.sortTimes[i - 1] - Math.floorMod(s.sortTimes[i - 1], step) == interval) {
        continue;
      }
      if (archiveBase == 0) {
        archiveBase = interval; // the file's first write: the oldest point anchors the ring at slot 0
      }
      long offset = slotOffset(archive, archiveBase, interval);
      region.writeInt(offset, interval);
      region.writeDouble(offset + 4, s.sortValues[i]);
      alignedCount++;
    }
    if (alignedCount == 0) {
      return;
    }
    int higher = archive;
    for (int lower = archive + 1; lower < offsets.length; lower++) {
      int lowerStep = steps[lower];
      int unique = uniqueLowerIntervals(s, start, end, step, lowerStep);
      boolean propagated = false;
      for (int k = 0; k < unique; k++) {
        propagated |= propagate(s, s.lowerIntervals[k], higher, lower);
      }
      if (!propagated) {
        break;
      }
      higher = lower;
    }
  }

  /** The distinct lower intervals of the points [start, end), in the order whisper's {@code set()} yields them. */
  private int uniqueLowerIntervals(Scratch s, int start, int end, int step, int lowerStep) {
    if (s.lowerIntervals.length < end - start) {
      s.lowerIntervals = new long[end - start];
    }
    s.intervalSet.clear();
    for (int i = end - 1; i >= start; i--) { // whisper builds its list in chronological order
      long aligned = s.sortTimes[i] - Math.floorMod(s.sortTimes[i], step);
      s.intervalSet.add(aligned - Math.floorMod(aligned, lowerStep));
    }
    return s.intervalSet.copyInOrder(s.lowerIntervals);
  }

  private boolean propagate(Scratch s, long timestamp, int higher, int lower) {
    int lowerStep = steps[lower];
    int higherStep = steps[higher];
    long lowerIntervalStart = timestamp - Math.floorMod(timestamp, lowerStep);
    long higherBase = region.readUnsignedInt(offsets[higher]);
    long firstOffset = higherBase == 0 ? offsets[higher] : slotOffset(higher, higherBase, lowerIntervalStart);
    int windowPoints = lowerStep / higherStep;
    if (s.window.length < windowPoints) {
      s.window = new double[windowPoints];
    }
    long firstSlot = (firstOffset - offsets[higher]) / POINT_SIZE;
    int known = 0;
    for (int i = 0; i < windowPoints; i++) {
      long offset = offsets[higher] + ((firstSlot + i) % pointCounts[higher]) * POINT_SIZE;
      double v = readSlot(higher, offset, lowerIntervalStart + (long) i * higherStep);
      s.window[i] = v;
      if (!Double.isNaN(v)) {
        known++;
      }
    }
    if (known == 0 || (double) known / windowPoints < (double) xFilesFactor) {
      return false;
    }
    writePoint(lower, lowerIntervalStart, aggregationMethod.aggregate(s.window, windowPoints));
    return true;
  }

  private Scratch ownScratch() {
    if (ownScratch == null) {
      ownScratch = new Scratch(0);
    }
    return ownScratch;
  }

  /**
   * Working arrays for updates, reused across calls, and across files by a {@link WhisperDatabase}, so that an
   * update allocates nothing per point and an open file holds no arrays of its own (thousands of open files each
   * keeping a few kilobytes of them made every young collection copy tens of megabytes). Not thread-safe: one per
   * writing thread.
   */
  static final class Scratch {
    private double[] window;
    private long[] sortTimes;
    private double[] sortValues;
    private int[] sortIndex;
    private int[] sortTemp;
    private long[] lowerIntervals;
    private final PythonIntSet intervalSet = new PythonIntSet();

    /**
     * Room for updates of {@code points} points from the start. A writer that will update many files gives the
     * usual size: growing later, once the JIT has compiled the update code on the assumption that it never grows,
     * makes it throw that code away and compile it again.
     */
    Scratch(int points) {
      window = new double[Math.min(points, 64)];
      sortTimes = new long[points];
      sortValues = new double[points];
      sortIndex = new int[points];
      sortTemp = new int[points];
      lowerIntervals = new long[points];
    }

    private void ensure(int count) {
      if (sortIndex.length < count) {
        int capacity = Math.max(count, sortIndex.length * 2);
        sortIndex = new int[capacity];
        sortTemp = new int[capacity];
        sortTimes = new long[capacity];
        sortValues = new double[capacity];
      }
    }
  }

  /**
   * Copies {@code source}'s points into this file as {@code whisper.merge} does: archive by archive, finest first,
   * the known points of {@code (fromSeconds, untilSeconds]} still within each archive's retention at
   * {@code nowSeconds} are written into the same archive here and propagated to the coarser ones. Both files must
   * have the same archives; otherwise a {@link WhisperFormatException} says to resize first.
   */
  public void mergeFrom(WhisperFile source, long fromSeconds, long untilSeconds, long nowSeconds) {
    checkWritable();
    if (!source.info().archives().equals(info().archives())) {
      throw new WhisperFormatException(source.path + " and " + path
          + " archive configurations are unalike. Resize the input before merging");
    }
    if (untilSeconds < fromSeconds) {
      throw new WhisperFormatException("time_to must be >= time_from");
    }
    Scratch s = ownScratch();
    for (int archive = 0; archive < offsets.length; archive++) {
      long archiveFrom = Math.max(fromSeconds, nowSeconds - retention(archive));
      if (untilSeconds < nowSeconds - retention(archive)) {
        continue;
      }
      FetchResult points = source.fetchArchive(archive, archiveFrom, untilSeconds);
      double[] values = points.values();
      s.ensure(values.length);
      int n = 0;
      for (int i = values.length - 1; i >= 0; i--) { // newest first, as archiveUpdateMany expects
        if (!Double.isNaN(values[i])) {
          s.sortTimes[n] = points.timestampAt(i);
          s.sortValues[n] = values[i];
          n++;
        }
      }
      if (n > 0) {
        archiveUpdateMany(s, archive, 0, n);
      }
    }
  }

  /**
   * Changes the aggregation method and, unless {@code xFilesFactor} is null, the xFilesFactor used for future
   * propagation, as {@code whisper.setAggregationMethod} does (points already written stay as they are). Returns the
   * previous method.
   */
  public AggregationMethod setAggregation(AggregationMethod method, Float xFilesFactor) {
    checkWritable();
    Objects.requireNonNull(method, "method");
    float factor = xFilesFactor == null ? this.xFilesFactor : xFilesFactor;
    if (!(factor >= 0 && factor <= 1)) {
      throw new WhisperFormatException("Invalid xFilesFactor " + factor + ", not between 0 and 1");
    }
    AggregationMethod previous = aggregationMethod;
    region.writeInt(0, method.code());
    region.writeFloat(8, factor);
    aggregationMethod = method;
    this.xFilesFactor = factor;
    return previous;
  }

  /** The timestamp stored in slot {@code slot} of archive {@code archive} (0 for a slot never written). */
  public long slotTimestamp(int archive, int slot) {
    return region.readUnsignedInt(offsets[archive] + (long) Objects.checkIndex(slot, pointCounts[archive]) * POINT_SIZE);
  }

  /** The value stored in slot {@code slot} of archive {@code archive}, as whisper-dump shows it. */
  public double slotValue(int archive, int slot) {
    return region.readDouble(offsets[archive] + (long) Objects.checkIndex(slot, pointCounts[archive]) * POINT_SIZE
        + 4);
  }

  /** Stable sort of the points, newest first, into the scratch arrays (a merge sort over indices). */
  private void sortNewestFirst(Scratch s, long[] times, double[] values, int count) {
    s.ensure(count);
    for (int i = 0; i < count; i++) {
      s.sortIndex[i] = i;
    }
    boolean descending = true;
    boolean strictlyAscending = true;
    for (int i = 1; i < count; i++) {
      descending &= times[i - 1] >= times[i];
      strictlyAscending &= times[i - 1] < times[i];
    }
    if (strictlyAscending) { // what a cache drain hands over: reversing it is the stable newest-first order
      for (int i = 0; i < count; i++) {
        s.sortIndex[i] = count - 1 - i;
      }
    } else if (!descending) {
      mergeSort(s, times, 0, count);
    }
    for (int i = 0; i < count; i++) {
      s.sortTimes[i] = times[s.sortIndex[i]];
      s.sortValues[i] = values[s.sortIndex[i]];
    }
  }

  private static void mergeSort(Scratch s, long[] times, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(s, times, from, mid);
    mergeSort(s, times, mid, to);
    int a = from;
    int b = mid;
    int k = from;
    while (a < mid && b < to) {
      // take from the left run on ties: that keeps equal timestamps in the order given
      s.sortTemp[k++] = times[s.sortIndex[a]] >= times[s.sortIndex[b]] ? s.sortIndex[a++] : s.sortIndex[b++];
    }
    while (a < mid) {
      s.sortTemp[k++] = s.sortIndex[a++];
    }
    while (b < to) {
      s.sortTemp[k++] = s.sortIndex[b++];
    }
    System.arraycopy(s.sortTemp, from, s.sortIndex, from, to - from);
  }

  private void checkWritable() {
    if (!region.writable()) {
      throw new IllegalStateException(path + " was opened read-only");
    }
  }

  private void checkTimestamp(long timestampSeconds) {
    if (timestampSeconds < 0 || timestampSeconds > 0xFFFF_FFFFL) {
      throw new WhisperFormatException("Timestamp " + timestampSeconds + " is outside whisper's unsigned 32-bit "
          + "range, writing " + path);
    }
  }

  private WhisperFormatException corrupt(String what) {
    return new WhisperFormatException(path + ": " + what);
  }
}
