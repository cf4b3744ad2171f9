package io.plumbago.carbon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real tools carbon-core's interop tests compare against: a missing peer skips the test with a message on a
 * developer's machine and fails it under CI ({@code CI=true}).
 */
final class PythonPeer {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path CARBON = Path.of("/usr/lib/python3/dist-packages/carbon");

  private PythonPeer() {}

  /** Skips (developer machine) or fails (CI) unless {@code path} exists. */
  static void require(String peer, Path path) {
    boolean present = Files.exists(path);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(peer + " is required under CI: run ../shared/peers/install.sh");
    }
    assumeTrue(present, "skipped: " + peer + " is not installed (../shared/peers/install.sh)");
  }

  /** Requires graphite-carbon's python package. */
  static void requireCarbon() {
    require("graphite-carbon", CARBON);
  }

  /** Runs {@code script} with Debian's python, {@code stdin} on its standard input; its output, or a failure. */
  static String python(String script, String stdin) throws Exception {
    require("/usr/bin/python3", PYTHON);
    Path in = Files.createTempFile("python-in", ".txt");
    try {
      Files.writeString(in, stdin);
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true)
          .redirectInput(in.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("python failed: " + out);
      }
      return out;
    } finally {
      Files.deleteIfExists(in);
    }
  }
}
