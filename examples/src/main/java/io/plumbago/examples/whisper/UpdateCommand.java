package io.plumbago.examples.whisper;

import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-update path timestamp:value [timestamp:value]*}, {@code N:} meaning now. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Update a whisper file.")
final class UpdateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Parameters(index = "0", description = "the whisper file")
  Path path;
  @Parameters(index = "1..*", arity = "1..*", description = "timestamp:value; N:value is now")
  List<String> points;

  @Override
  public Integer call() {
    long now = System.currentTimeMillis() / 1000;
    long[] timestamps = new long[points.size()];
    double[] values = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      String point = points.get(i).replace("N:", now + ":");
      int colon = point.indexOf(':');
      try {
        timestamps[i] = Long.parseLong(point.substring(0, colon).strip());
        values[i] = Double.parseDouble(point.substring(colon + 1).strip());
      } catch (RuntimeException e) {
        return WhisperCommand.fail(spec, "[ERROR] invalid point '" + points.get(i) + "': expected timestamp:value");
      }
    }
    try (WhisperFile file = WhisperFile.open(path)) {
      if (points.size() == 1) {
        file.update(values[0], timestamps[0], now);
      } else {
        file.updateMany(timestamps, values, points.size(), now);
      }
      return 0;
    } catch (WhisperFormatException e) {
      String message = e.getMessage().startsWith("Timestamp not covered")
          ? "Timestamp not covered by any archives in this database." : e.getMessage();
      return WhisperCommand.fail(spec, "[ERROR] " + message);
    } catch (IOException e) {
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
  }
}
