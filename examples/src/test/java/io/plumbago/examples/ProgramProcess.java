package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plumbago program run as a real process from the test classpath, with its announced listeners. */
final class ProgramProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening (\\S+) 127\\.0\\.0\\.1:(\\d+)");
  private final Process process;
  private final Map<String, Integer> ports = new TreeMap<>();
  private final Path errors;

  /** Starts {@code plumbago args...} and waits until it has announced {@code listeners} listeners. */
  ProgramProcess(int listeners, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Plumbago.class.getName()));
    command.addAll(List.of(args));
    errors = java.nio.file.Files.createTempFile("plumbago", ".err");
    process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    while (ports.size() < listeners) {
      String line = out.readLine();
      assertTrue(line != null, "the program exited before listening: " + ports);
      Matcher m = LISTENING.matcher(line);
      assertTrue(m.matches(), "unexpected output: " + line);
      ports.put(m.group(1), Integer.parseInt(m.group(2)));
    }
  }

  /** The announced listeners by name, sorted. */
  Map<String, Integer> ports() {
    return ports;
  }

  /** Sends SIGTERM and returns the exit status once the program has stopped (within 30 s). */
  int terminate() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the program did not stop within 30 s of SIGTERM");
    return process.exitValue();
  }

  /** Kills the program with SIGKILL (no shutdown hook runs) and waits until it is gone (within 30 s). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the program did not die within 30 s of SIGKILL");
  }

  /** What the program logged to stderr so far. */
  String log() throws java.io.IOException {
    return java.nio.file.Files.readString(errors);
  }

  @Override
  public void close() throws java.io.IOException {
    process.destroyForcibly();
    java.nio.file.Files.deleteIfExists(errors);
  }
}
