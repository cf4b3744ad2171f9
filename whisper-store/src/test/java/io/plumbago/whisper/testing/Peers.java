package io.plumbago.whisper.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Graphite tools the interop tests run against, installed by {@code ../shared/peers/install.sh}. A missing
 * peer skips the test with a clear message on a developer's machine and fails it under CI ({@code CI=true}).
 */
public final class Peers {
  /** Debian's python, which owns python3-whisper, carbon and graphite-web (a pyenv python3 does not see them). */
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private Peers() {}

  /** Requires python3-whisper ({@code /usr/bin/python3 -c 'import whisper'}). */
  public static void requirePythonWhisper() {
    require("python3-whisper", Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import whisper"),
        null, 30).exitCode == 0);
  }

  /** Skips (developer machine) or fails (CI) when {@code present} is false. */
  public static void require(String peer, boolean present) {
    if (present) {
      return;
    }
    String message = peer + " is not installed: run ../shared/peers/install.sh to run this interop test";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: a missing peer fails the run)");
    }
    Assumptions.abort(message);
  }

  /** What a finished process printed. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs a command with optional standard input, bounded by {@code timeoutSeconds}. */
  public static Result run(List<String> command, String stdin, int timeoutSeconds) {
    try {
      Path out = Files.createTempFile("peer", ".out");
      Path err = Files.createTempFile("peer", ".err");
      try {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (stdin != null) {
          process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      return new Result(-1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs a python script with Debian's python and fails the test with its output unless it exits 0. */
  public static String python(String script, int timeoutSeconds) {
    Result result = run(List.of(PYTHON.toString(), "-"), script, timeoutSeconds);
    if (result.exitCode != 0) {
      fail("python failed (" + result.exitCode + "):\n" + result.stderr + "\n" + result.stdout);
    }
    return result.stdout;
  }
}
