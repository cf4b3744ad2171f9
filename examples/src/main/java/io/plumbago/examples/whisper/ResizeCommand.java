package io.plumbago.examples.whisper;

import io.plumbago.whisper.AggregationMethod;
import io.plumbago.whisper.ArchiveInfo;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-resize path retention... [--xFilesFactor] [--aggregationMethod] [--newfile] [--nobackup]}. */
@Command(name = "resize", mixinStandardHelpOptions = true,
    description = "Change a whisper file's retentions, keeping its data.")
final class ResizeCommand implements Callable<Integer> {
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
      return WhisperCommand.fail(spec, "[ERROR] File '" + path + "' does not exist!");
    }
    if (aggregate) {
      return WhisperCommand.fail(spec, "[ERROR] --aggregate is not supported (whisper-resize's own fails on Python 3)");
    }
    long now = System.currentTimeMillis() / 1000;
    try {
      List<Retention> archives = WhisperCommand.retentions(retentions);
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
            WhisperCommand.writeKnown(created, r, System.currentTimeMillis() / 1000);
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
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
  }
}
