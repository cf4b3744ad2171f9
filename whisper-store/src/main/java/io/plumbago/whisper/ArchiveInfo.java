package io.plumbago.whisper;

/**
 * One archive of a whisper file as its header describes it: where its points start ({@code offset}, bytes from the
 * start of the file), its precision and its number of points — the fields {@code whisper-info} prints.
 */
public record ArchiveInfo(long offset, int secondsPerPoint, int points) {
  /** Seconds the archive covers. */
  public long retentionSeconds() {
    return (long) secondsPerPoint * points;
  }

  /** Bytes the archive's points take: 12 per point. */
  public long sizeBytes() {
    return (long) points * WhisperFile.POINT_SIZE;
  }
}
