package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real servers client-sdk's interop tests send to (installed by {@code ../shared/peers/install.sh}): a missing
 * one skips the test with a message on a developer's machine and fails it under CI ({@code CI=true}).
 */
final class Peers {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private Peers() {}

  /** Skips (developer machine) or fails (CI) unless {@code path} exists. */
  static void require(String peer, Path path) {
    if (Files.exists(path)) {
      return;
    }
    String message = peer + " is not installed (" + path + "): run ../shared/peers/install.sh";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message + " (CI=true: a missing peer fails the run)");
    }
    Assumptions.abort("skipped: " + message);
  }

  /** A port that was free a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits up to 60 s for {@code process} to listen on TCP {@code port}. */
  static void awaitListening(int port, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        assertTrue(process.isAlive() && System.nanoTime() < deadline, () -> "not listening on " + port + ": "
            + read(log));
        Thread.sleep(100);
      }
    }
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Runs {@code script} with Debian's python; its output, or the error it printed with a non-zero exit. */
  static String python(String script) throws Exception {
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return "python failed: " + out;
    }
    return out;
  }

  /** Accepts one connection on {@code server} and reads its lines until the peer closes it (20 s at most). */
  static java.util.concurrent.CompletableFuture<java.util.List<String>> acceptLines(ServerSocket server) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try (Socket socket = server.accept();
           java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
               socket.getInputStream(), StandardCharsets.UTF_8))) {
        socket.setSoTimeout(20_000);
        return in.lines().toList();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** Stops {@code process} and its children. */
  static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
