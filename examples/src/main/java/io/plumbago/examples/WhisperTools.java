package io.plumbago.examples;

import io.plumbago.render.format.PythonFloats;
import io.plumbago.whisper.AggregationMethod;
import io.plumbago.whisper.ArchiveInfo;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import io.plumbago.whisper.WhisperInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plumbago whisper ...}: whisper's own scripts with their arguments and their output, character for
 * character, so scripts written against {@code whisper-info} and {@code whisper-fetch} keep working.
 */
@Command(name = "whisper", mixinStandardHelpOptions = true,
    description = "whisper's own tools, same arguments and output: info, fetch, dump, create, update, resize, "
        + "merge, fill.",
    subcommands = {WhisperTools.Info.class, WhisperTools.Fetch.class, WhisperTools.Dump.class,
        WhisperTools.Create.class, WhisperTools.Update.class, WhisperTools.Resize.class, WhisperTools.Merge.class,
        WhisperTools.Fill.class})
final class WhisperTools {
  private WhisperTools() {}

  /** Python's {@code SystemExit(message)}: the message on stderr, status 1. */
  private static int fail(CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message);
    err.flush();
    return 1;
  }

  private static String errorText(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return "[ERROR] [Errno 2] No such file or directory: '" + missing.getFile() + "'";
    }
    return "[ERROR] " + e.getMessage();
  }

  /** {@code whisper-info path [field] [--json]}. */
  @Command(name = "info", mixinStandardHelpOptions = true, description = "Print a whisper file's header.")
  static final class Info implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "Output results in JSON form")
    boolean json;
    @Parameters(index = "0", description = "the whisper file")
    Path path;
    @Parameters(index = "1", arity = "0..1", description = "print only this field")
    String field;

    @Override
    public Integer call() {
      WhisperInfo info;
      try (WhisperFile file = WhisperFile.openReadOnly(path)) {
        info = file.info();
      } catch (IOException | WhisperFormatException e) {
        return fail(spec, errorText(e));
      }
      long fileSize;
      try {
        fileSize = Files.size(path);
      } catch (IOException e) {
        return fail(spec, errorText(e));
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("aggregationMethod", info.aggregationMethod().whisperName());
      fields.put("maxRetention", Long.toString(info.maxRetentionSeconds()));
      fields.put("xFilesFactor", PythonFloats.repr(info.xFilesFactor()));
      fields.put("archives", null);
      fields.put("fileSize", Long.toString(fileSize));
      PrintWriter out = spec.commandLine().getOut();
      if (field != null) {
        if (!fields.containsKey(field)) {
          out.println("Unknown field \"" + field + "\". Valid fields are " + String.join(",", fields.keySet()));
          out.flush();
          return 1;
        }
        out.println(field.equals("archives") ? archivesRepr(info.archives()) : fields.get(field));
      } else if (json) {
        out.println(json(info, fileSize));
      } else {
        for (Map.Entry<String, String> e : fields.entrySet()) {
          if (e.getValue() != null) {
            out.println(e.getKey() + ": " + e.getValue());
          }
        }
        out.println();
        for (int i = 0; i < info.archives().size(); i++) {
          out.println("Archive " + i);
          for (Map.Entry<String, Long> e : archiveFields(info.archives().get(i)).entrySet()) {
            out.println(e.getKey() + ": " + e.getValue());
          }
          out.println();
        }
      }
      out.flush();
      return 0;
    }

    private static Map<String, Long> archiveFields(ArchiveInfo a) {
      Map<String, Long> f = new LinkedHashMap<>();
      f.put("offset", a.offset());
      f.put("secondsPerPoint", (long) a.secondsPerPoint());
      f.put("points", (long) a.points());
      f.put("retention", a.retentionSeconds());
      f.put("size", a.sizeBytes());
      return f;
    }

    /** Python's repr of the archives list of dicts. */
    private static String archivesRepr(List<ArchiveInfo> archives) {
      List<String> dicts = new ArrayList<>();
      for (ArchiveInfo a : archives) {
        List<String> items = new ArrayList<>();
        archiveFields(a).forEach((k, v) -> items.add("'" + k + "': " + v));
        dicts.add("{" + String.join(", ", items) + "}");
      }
      return "[" + String.join(", ", dicts) + "]";
    }

    /** {@code json.dumps(info, indent=2, separators=(',', ': '))}. */
    private static String json(WhisperInfo info, long fileSize) {
      StringBuilder b = new StringBuilder("{\n");
      b.append("  \"aggregationMethod\": \"").append(info.aggregationMethod().whisperName()).append("\",\n");
      b.append("  \"maxRetention\": ").append(info.maxRetentionSeconds()).append(",\n");
      b.append("  \"xFilesFactor\": ").append(PythonFloats.repr(info.xFilesFactor())).append(",\n");
      b.append("  \"archives\": [\n");
      for (int i = 0; i < info.archives().size(); i++) {
        b.append("    {\n");
        List<String> lines = new ArrayList<>();
        archiveFields(info.archives().get(i)).forEach((k, v) -> lines.add("      \"" + k + "\": " + v));
        b.append(String.join(",\n", lines)).append("\n    }");
        b.append(i + 1 < info.archives().size() ? ",\n" : "\n");
      }
      b.append("  ],\n  \"fileSize\": ").append(fileSize).append("\n}");
      return b.toString();
    }
  }

  /** {@code whisper-fetch [--from] [--until] [--json] [--pretty] [-t FORMAT] [--drop nulls|zeroes|empty] path}. */
  @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Print a whisper file's points.")
  static final class Fetch implements Callable<Integer> {
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
        return fail(spec, "option --drop: invalid choice: '" + drop + "' (choose from 'zeroes', 'nulls', 'empty')");
      }
      FetchResult result;
      try (WhisperFile file = WhisperFile.openReadOnly(path)) {
        result = file.fetch(fromSeconds, untilSeconds, now);
      } catch (IOException | WhisperFormatException e) {
        return fail(spec, errorText(e));
      }
      if (result == null) {
        return fail(spec, "No data in selected timerange");
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

  /** {@code whisper-create path retention... [--xFilesFactor] [--aggregationMethod] [--overwrite] [--sparse]}. */
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a whisper file.")
  static final class Create implements Callable<Integer> {
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
        List<Retention> archives = new ArrayList<>();
        for (String r : retentions) {
          archives.addAll(Retention.parseList(r));
        }
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
        return fail(spec, "[ERROR] File " + path + " already exists!");
      } catch (IOException | RuntimeException e) {
        out.flush();
        return fail(spec, errorText(e instanceof RuntimeException r && !(r instanceof WhisperFormatException)
            ? new WhisperFormatException(r.getMessage()) : e));
      }
    }
  }

  /** {@code whisper-update path timestamp:value [timestamp:value]*}, {@code N:} meaning now. */
  @Command(name = "update", mixinStandardHelpOptions = true, description = "Update a whisper file.")
  static final class Update implements Callable<Integer> {
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
          return fail(spec, "[ERROR] invalid point '" + points.get(i) + "': expected timestamp:value");
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
        return fail(spec, "[ERROR] " + message);
      } catch (IOException e) {
        return fail(spec, errorText(e));
      }
    }
  }

  /** {@code whisper-dump [--pretty] [-t FORMAT] path}: the header and every slot of every archive. */
  @Command(name = "dump", mixinStandardHelpOptions = true, description = "Print a whisper file's header and slots.")
  static final class Dump implements Callable<Integer> {
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
        return fail(spec, "[ERROR] File \"" + path + "\" does not exist!");
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
            String time = pretty ? Fetch.prettyTime(t, timeFormat) : Long.toString(t);
            out.println(slot + ": " + time + ", " + CFormat.g(file.slotValue(i, slot), 10, 35));
          }
        }
      } catch (IOException | WhisperFormatException e) {
        out.flush();
        return fail(spec, errorText(e));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code whisper-merge [--from] [--until] from_path to_path}. */
  @Command(name = "merge", mixinStandardHelpOptions = true,
      description = "Copy the points of one whisper file into another with the same archives.")
  static final class Merge implements Callable<Integer> {
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
          return fail(spec, "[ERROR] File \"" + p + "\" does not exist!");
        }
      }
      long now = System.currentTimeMillis() / 1000;
      try (WhisperFile in = WhisperFile.openReadOnly(source); WhisperFile out = WhisperFile.open(destination)) {
        out.mergeFrom(in, from == null ? 0 : from, until == null ? now : until, now);
        return 0;
      } catch (IOException | WhisperFormatException e) {
        return fail(spec, errorText(e));
      }
    }
  }

  /** {@code whisper-resize path retention... [--xFilesFactor] [--aggregationMethod] [--newfile] [--nobackup]}. */
  @Command(name = "resize", mixinStandardHelpOptions = true,
      description = "Change a whisper file's retentions, keeping its data.")
  static final class Resize implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--xFilesFactor", description = "Change the xFilesFactor")
    Float xFilesFactor;
    @Option(names = "--aggregationMethod", description = "Change the aggregation function")
    String aggregationMethod;
    @Option(names = "--force", description = "Perform a destructive change")
    boolean force;
    @Option(names = "--newfile", description = "Create a new database file without removing the existing one")
    Path newFile;
    @Option(names = "--nobackup", description = "Delete the .bak file after successful execution")
    boolean noBackup;
    @Option(names = "--aggregate", description = "not supported: whisper 1.1.4's own --aggregate fails on Python 3")
    boolean aggregate;
    @Parameters(index = "0", description = "the whisper file")
    Path path;
    @Parameters(index = "1..*", arity = "1..*", description = "timePerPoint:timeToStore, e.g. 10s:6h 1m:7d")
    List<String> retentions;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.exists(path)) {
        return fail(spec, "[ERROR] File '" + path + "' does not exist!");
      }
      if (aggregate) {
        return fail(spec, "[ERROR] --aggregate is not supported (whisper-resize's own fails on Python 3)");
      }
      long now = System.currentTimeMillis() / 1000;
      try {
        List<Retention> archives = new ArrayList<>();
        for (String r : retentions) {
          archives.addAll(Retention.parseList(r));
        }
        List<FetchResult> data = new ArrayList<>();
        WhisperInfo info;
        out.println("Retrieving all data from the archives");
        try (WhisperFile old = WhisperFile.openReadOnly(path)) {
          info = old.info();
          List<ArchiveInfo> coarseFirst = new ArrayList<>(info.archives());
          coarseFirst.sort((a, b) -> Integer.compare(b.secondsPerPoint(), a.secondsPerPoint()));
          for (ArchiveInfo a : coarseFirst) {
            data.add(old.fetch(now - a.retentionSeconds() + a.secondsPerPoint(), now, now));
          }
        }
        Path target = newFile != null ? newFile : Path.of(path + ".tmp");
        if (newFile == null && Files.exists(target)) {
          out.println("Removing previous temporary database file: " + target);
          Files.delete(target);
        }
        out.println("Creating new whisper database: " + target);
        float xff = xFilesFactor != null ? xFilesFactor : info.xFilesFactor();
        AggregationMethod method = aggregationMethod != null ? AggregationMethod.fromName(aggregationMethod)
            : info.aggregationMethod();
        try (WhisperFile created = WhisperFile.create(target, archives, xff, method, false)) {
          out.println("Created: " + target + " (" + Files.size(target) + " bytes)");
          out.println("Migrating data without aggregation...");
          for (FetchResult r : data) {
            if (r != null) {
              writeKnown(created, r, System.currentTimeMillis() / 1000);
            }
          }
        }
        if (newFile != null) {
          out.flush();
          return 0;
        }
        Path backup = Path.of(path + ".bak");
        out.println("Renaming old database to: " + backup);
        Files.move(path, backup, StandardCopyOption.REPLACE_EXISTING);
        out.println("Renaming new database to: " + path);
        Files.move(target, path);
        if (noBackup) {
          out.println("Unlinking backup: " + backup);
          Files.delete(backup);
        }
        out.flush();
        return 0;
      } catch (IOException | RuntimeException e) {
        out.flush();
        return fail(spec, errorText(e));
      }
    }
  }

  /** Writes the known points of {@code r} to {@code file} with one update_many, oldest first. */
  private static void writeKnown(WhisperFile file, FetchResult r, long now) {
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

  /**
   * {@code whisper-fill src dst}: copies into {@code dst} the points of {@code src} where {@code dst} has a gap (no
   * value, or 0, as the script judges), finest archive first, with the script's own arithmetic on fractional times.
   */
  @Command(name = "fill", mixinStandardHelpOptions = true,
      description = "Copy data from src into dst where dst is missing it.")
  static final class Fill implements Callable<Integer> {
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
        return fail(spec, errorText(e));
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
        writeKnown(dst, r, (long) now);
        tstop = fromTime;
        if (tstart == tstop) {
          return;
        }
      }
    }
  }

  /** The common strftime directives, enough for {@code --time-format}. */
  static final class Strftime {
    private Strftime() {}

    static String format(String pattern, java.time.ZonedDateTime t) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c != '%' || i + 1 == pattern.length()) {
          out.append(c);
          continue;
        }
        char d = pattern.charAt(++i);
        switch (d) {
          case 'Y' -> out.append(String.format("%04d", t.getYear()));
          case 'm' -> out.append(String.format("%02d", t.getMonthValue()));
          case 'd' -> out.append(String.format("%02d", t.getDayOfMonth()));
          case 'H' -> out.append(String.format("%02d", t.getHour()));
          case 'M' -> out.append(String.format("%02d", t.getMinute()));
          case 'S' -> out.append(String.format("%02d", t.getSecond()));
          case 's' -> out.append(t.toEpochSecond());
          case '%' -> out.append('%');
          default -> out.append('%').append(d);
        }
      }
      return out.toString();
    }
  }
}
