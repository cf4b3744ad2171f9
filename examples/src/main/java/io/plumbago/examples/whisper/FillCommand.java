package io.plumbago.examples.whisper;

import io.plumbago.whisper.ArchiveInfo;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import io.plumbago.whisper.WhisperInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code whisper-fill src dst}: copies into {@code dst} the points of {@code src} where {@code dst} has a gap (no
 * value, or 0, as the script judges), finest archive first, with the script's own arithmetic on fractional times.
 */
@Command(name = "fill", mixinStandardHelpOptions = true,
    description = "Copy data from src into dst where dst is missing it.")
final class FillCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--lock", description = "accepted for compatibility (Plumbago locks files itself)")
  boolean lock;
  @Parameters(index = "0", description = "the file to read")
  Path source;
  @Parameters(index = "1", description = "the file to fill")
  Path destination;

  @Override
  public Integer call() {
    double now = System.currentTimeMillis() / 1000.0;
    try (WhisperFile src = WhisperFile.openReadOnly(source); WhisperFile dst = WhisperFile.open(destination)) {
      double startFrom = now;
      List<ArchiveInfo> archives = new ArrayList<>(dst.info().archives());
      archives.sort((a, b) -> Long.compare(a.retentionSeconds(), b.retentionSeconds()));
      for (ArchiveInfo archive : archives) {
        double fromTime = now - archive.retentionSeconds();
        if (fromTime >= startFrom) {
          continue;
        }
        FetchResult r = dst.fetch((long) fromTime, (long) startFrom, (long) now);
        long start = r.fromSeconds();
        long end = r.untilSeconds();
        long step = r.stepSeconds();
        Long gapStart = null;
        for (double v : r.values()) {
          boolean empty = Double.isNaN(v) || v == 0; // the script's "not v"
          if (empty && gapStart == null) {
            gapStart = start;
          } else if (!empty && gapStart != null) {
            if (start - gapStart > archive.secondsPerPoint()) {
              fill(src, dst, gapStart - step, start, now);
            }
            gapStart = null;
          } else if (gapStart != null && start == end - step) {
            fill(src, dst, gapStart - step, start, now);
          }
          start += step;
        }
        startFrom = fromTime;
      }
      return 0;
    } catch (IOException | WhisperFormatException e) {
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
  }

  private static void fill(WhisperFile src, WhisperFile dst, double tstart, double tstop, double now) {
    WhisperInfo info = src.info();
    long srcTime = (long) now - info.maxRetentionSeconds();
    if (tstart < srcTime && tstop < srcTime) {
      return;
    }
    List<ArchiveInfo> archives = new ArrayList<>(info.archives());
    archives.sort((a, b) -> Long.compare(a.retentionSeconds(), b.retentionSeconds()));
    for (ArchiveInfo archive : archives) {
      double rtime = now - archive.retentionSeconds();
      if (tstop <= rtime) {
        continue;
      }
      double untilTime = tstop;
      double fromTime = rtime > tstart ? rtime : tstart;
      FetchResult r = src.fetch((long) fromTime, (long) untilTime, (long) now);
      if (r == null) {
        return;
      }
      WhisperCommand.writeKnown(dst, r, (long) now);
      tstop = fromTime;
      if (tstart == tstop) {
        return;
      }
    }
  }
}
