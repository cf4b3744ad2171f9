package io.plumbago.whisper;

import java.util.List;

/**
 * A whisper file's header: what {@code whisper-info} prints. {@code xFilesFactor} is the float32 stored in the file.
 */
public record WhisperInfo(AggregationMethod aggregationMethod, long maxRetentionSeconds, float xFilesFactor,
    List<ArchiveInfo> archives) {
  /** Copies the archive list. */
  public WhisperInfo {
    archives = List.copyOf(archives);
  }

  /** The file size this header implies: the header plus every archive. */
  public long fileSizeBytes() {
    ArchiveInfo last = archives.get(archives.size() - 1);
    return last.offset() + last.sizeBytes();
  }
}
