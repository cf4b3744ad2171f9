package io.plumbago.examples.whisper;

import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-merge [--from] [--until] from_path to_path}. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Copy the points of one whisper file into another with the same archives.")
final class MergeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--from", description = "Begining of interval, unix timestamp (default: epoch)")
  Long from;
  @Option(names = "--until", description = "End of interval, unix timestamp (default: now)")
  Long until;
  @Parameters(index = "0", description = "the file to read")
  Path source;
  @Parameters(index = "1", description = "the file to write")
  Path destination;

  @Override
  public Integer call() {
    for (Path p : List.of(source, destination)) {
      if (!Files.exists(p)) {
        return WhisperCommand.fail(spec, "[ERROR] File \"" + p + "\" does not exist!");
      }
    }
    long now = System.currentTimeMillis() / 1000;
    try (WhisperFile in = WhisperFile.openReadOnly(source); WhisperFile out = WhisperFile.open(destination)) {
      out.mergeFrom(in, from == null ? 0 : from, until == null ? now : until, now);
      return 0;
    } catch (IOException | WhisperFormatException e) {
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
  }
}
