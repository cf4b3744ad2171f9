package io.plumbago.examples;

import io.plumbago.carbon.Persister;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.WhisperFormatException;
import java.io.IOException;

/**
 * The cache's persister in the program: writes each metric's points to its whisper file, creating it by the
 * storage schemas. A name that cannot be a file, or a corrupt file, is refused as an {@link IllegalArgumentException}
 * (retrying cannot help).
 */
final class WhisperPersister implements Persister {
  private final WhisperDatabase database;

  WhisperPersister(WhisperDatabase database) {
    this.database = database;
  }

  @Override
  public void persist(String metric, long[] timestamps, double[] values, int count) throws IOException {
    try {
      database.write(metric, timestamps, values, count, System.currentTimeMillis() / 1000);
    } catch (WhisperFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public boolean needsCreate(String metric) {
    try {
      return !database.exists(metric);
    } catch (WhisperFormatException e) {
      return false; // the write will refuse the name
    }
  }
}
