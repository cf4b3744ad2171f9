package io.plumbago.examples.whisper;

import io.plumbago.render.format.PythonFloats;
import io.plumbago.whisper.ArchiveInfo;
import io.plumbago.whisper.WhisperFile;
import io.plumbago.whisper.WhisperFormatException;
import io.plumbago.whisper.WhisperInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whisper-info path [field] [--json]}. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print a whisper file's header.")
final class InfoCommand implements Callable<Integer> {
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
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
    }
    long fileSize;
    try {
      fileSize = Files.size(path);
    } catch (IOException e) {
      return WhisperCommand.fail(spec, WhisperCommand.errorText(e));
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
