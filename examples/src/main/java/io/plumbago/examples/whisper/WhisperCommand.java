package io.plumbago.examples.whisper;

import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.WhisperFile;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plumbago whisper ...}: whisper's own scripts with their arguments and their output, character for
 * character, so scripts written against {@code whisper-info}, {@code whisper-fetch} and the rest keep working. One
 * class per command; this one groups them and holds what they share.
 */
@Command(name = "whisper", mixinStandardHelpOptions = true,
    description = "whisper's own tools, same arguments and output: info, fetch, dump, create, update, resize, "
        + "merge, fill.",
    subcommands = {InfoCommand.class, FetchCommand.class, DumpCommand.class,
        CreateCommand.class, UpdateCommand.class, ResizeCommand.class, MergeCommand.class,
        FillCommand.class})
public final class WhisperCommand {
  private WhisperCommand() {}

  /** Python's {@code SystemExit(message)}: the message on stderr, status 1. */
  static int fail(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.flush();
    return 1;
  }

  /** Retention definitions as whisper's scripts take them, one argument each (a comma list is accepted too). */
  static List<Retention> retentions(List<String> definitions) {
    List<Retention> archives = new ArrayList<>();
    for (String r : definitions) {
      archives.addAll(Retention.parseList(r));
    }
    return archives;
  }

  static String errorText(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return "[ERROR] [Errno 2] No such file or directory: '" + missing.getFile() + "'";
    }
    return "[ERROR] " + e.getMessage();
  }

  /** Writes the known points of {@code r} to {@code file} with one update_many, oldest first. */
  static void writeKnown(WhisperFile file, FetchResult r, long now) {
    double[] values = r.values();
    long[] ts = new long[values.length];
    double[] vs = new double[values.length];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        ts[n] = r.timestampAt(i);
        vs[n] = values[i];
        n++;
      }
    }
    file.updateMany(ts, vs, n, now);
  }
}
