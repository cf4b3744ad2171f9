package io.plumbago.examples.whisper;

import io.plumbago.whisper.ArchiveInfo;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import io.plumbago.whisper.WhisperInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-dump [--pretty] [-t FORMAT] path}: the header and every slot of every archive. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Print a whisper file's header and slots.")
final class DumpCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--pretty", description = "Show human-readable timestamps instead of unix times")
  boolean pretty;
  @Option(names = {"-t", "--time-format"}, description = "Time format to use with --pretty")
  String timeFormat;
  @Parameters(index = "0", description = "the whisper file")
  Path path;

  @Override
  public Integer call() {
    if (!Files.exists(path)) {
      return WhisperCommand.fail(spec, "[ERROR] File \"" + path + "\" does not exist!");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (WhisperFile file = WhisperFile.openReadOnly(path)) {
      WhisperInfo info = file.info();
      out.println("Meta data:");
      out.println("  aggregation method: " + info.aggregationMethod().whisperName());
      out.println("  max retention: " + info.maxRetentionSeconds());
      out.println("  xFilesFactor: " + CFormat.g(info.xFilesFactor(), 0, 6));
      out.println();
      for (int i = 0; i < info.archives().size(); i++) {
        ArchiveInfo a = info.archives().get(i);
        out.println("Archive " + i + " info:");
        out.println("  offset: " + a.offset());
        out.println("  seconds per point: " + a.secondsPerPoint());
        out.println("  points: " + a.points());
        out.println("  retention: " + a.retentionSeconds());
        out.println("  size: " + a.sizeBytes());
        out.println();
      }
      for (int i = 0; i < info.archives().size(); i++) {
        out.println("Archive " + i + " data:");
        for (int slot = 0; slot < info.archives().get(i).points(); slot++) {
          long t = file.slotTimestamp(i, slot);
          String time = pretty ? FetchCommand.prettyTime(t, timeFormat) : Long.toString(t);
          out.println(slot + ": " + time + ", " + CFormat.g(file.slotValue(i, slot), 10, 35));
        }
      }
    } catch (IOException | WhisperFormatException e) {
      out.flush();
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
    out.flush();
    return 0;
  }
}
