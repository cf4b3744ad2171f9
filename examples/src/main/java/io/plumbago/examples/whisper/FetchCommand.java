package io.plumbago.examples.whisper;

import io.plumbago.render.format.PythonFloats;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-fetch [--from] [--until] [--json] [--pretty] [-t FORMAT] [--drop nulls|zeroes|empty] path}. */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Print a whisper file's points.")
final class FetchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--from", description = "Unix epoch time of the beginning of your requested interval "
      + "(default: 24 hours ago)")
  Long from;
  @Option(names = "--until", description = "Unix epoch time of the end of your requested interval (default: now)")
  Long until;
  @Option(names = "--json", description = "Output results in JSON form")
  boolean json;
  @Option(names = "--pretty", description = "Show human-readable timestamps instead of unix times")
  boolean pretty;
  @Option(names = {"-t", "--time-format"}, description = "Time format to use with --pretty (strftime: %%Y %%m "
      + "%%d %%H %%M %%S)")
  String timeFormat;
  @Option(names = "--drop", description = "nulls, zeroes or empty: drop those values")
  String drop;
  @Parameters(index = "0", description = "the whisper file")
  Path path;

  @Override
  public Integer call() {
    long now = System.currentTimeMillis() / 1000;
    long fromSeconds = from == null ? now - 86_400 : from;
    long untilSeconds = until == null ? now : until;
    if (drop != null && !List.of("nulls", "zeroes", "empty").contains(drop)) {
      return WhisperCommand.fail(spec, "option --drop: invalid choice: '" + drop + "' (choose from 'zeroes', 'nulls', 'empty')");
    }
    FetchResult result;
    try (WhisperFile file = WhisperFile.openReadOnly(path)) {
      result = file.fetch(fromSeconds, untilSeconds, now);
    } catch (IOException | WhisperFormatException e) {
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
    if (result == null) {
      return WhisperCommand.fail(spec, "No data in selected timerange");
    }
    List<Double> values = new ArrayList<>();
    for (double v : result.values()) {
      boolean isNull = Double.isNaN(v);
      boolean keep = drop == null
          || (drop.equals("nulls") && !isNull)
          || (drop.equals("zeroes") && (isNull || v != 0))
          || (drop.equals("empty") && !isNull && v != 0);
      if (keep) {
        values.add(isNull ? null : v);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<String> items = new ArrayList<>();
      for (Double v : values) {
        items.add(v == null ? "null" : PythonFloats.repr(v));
      }
      out.println("{\n    \"start\" : " + result.fromSeconds() + ",\n    \"end\" : " + result.untilSeconds()
          + ",\n    \"step\" : " + result.stepSeconds() + ",\n    \"values\" : [" + String.join(", ", items)
          + "]\n  }");
    } else {
      long t = result.fromSeconds();
      for (Double v : values) {
        String time = pretty ? prettyTime(t, timeFormat) : Long.toString(t);
        out.println(time + "\t" + (v == null ? "None" : CFormat.f(v)));
        t += result.stepSeconds();
      }
    }
    out.flush();
    return 0;
  }

  static String prettyTime(long t, String timeFormat) {
    var local = Instant.ofEpochSecond(t).atZone(ZoneId.systemDefault());
    if (timeFormat == null) {
      // time.ctime: 'Wed Nov  5 20:12:28 2026'
      return DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).format(local);
    }
    return Strftime.format(timeFormat, local);
  }
}
