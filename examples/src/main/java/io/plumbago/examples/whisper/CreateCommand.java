package io.plumbago.examples.whisper;

import io.plumbago.whisper.AggregationMethod;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-create path retention... [--xFilesFactor] [--aggregationMethod] [--overwrite] [--sparse]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a whisper file.")
final class CreateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--xFilesFactor", defaultValue = "0.5", description = "default ${DEFAULT-VALUE}")
  float xFilesFactor;
  @Option(names = "--aggregationMethod", defaultValue = "average",
      description = "average, sum, last, max, min, avg_zero, absmax, absmin")
  String aggregationMethod;
  @Option(names = "--overwrite", description = "replace an existing file")
  boolean overwrite;
  @Option(names = "--sparse", description = "Create new whisper as sparse file")
  boolean sparse;
  @Option(names = "--fallocate", description = "accepted for compatibility; files are written in full unless sparse")
  boolean fallocate;
  @Parameters(index = "0", description = "the whisper file")
  Path path;
  @Parameters(index = "1..*", arity = "1..*", description = "timePerPoint:timeToStore, e.g. 10s:6h 1m:7d")
  List<String> retentions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<Retention> archives = WhisperCommand.retentions(retentions);
      if (overwrite && Files.exists(path)) {
        out.println("Overwriting existing file: " + path);
        Files.delete(path);
      }
      AggregationMethod method = AggregationMethod.fromName(aggregationMethod);
      WhisperFile.create(path, archives, xFilesFactor, method, sparse).close();
      out.println("Created: " + path + " (" + Files.size(path) + " bytes)");
      out.flush();
      return 0;
    } catch (FileAlreadyExistsException e) {
      out.flush();
      return WhisperCommand.fail(spec, "[ERROR] File " + path + " already exists!");
    } catch (IOException | RuntimeException e) {
      out.flush();
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e instanceof RuntimeException r && !(r instanceof WhisperFormatException)
          ? new WhisperFormatException(r.getMessage()) : e));
    }
  }
}
