package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PlumbagoCommandLineTest {
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(Plumbago.class);
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute(args));
    return out.toString();
  }

  @Test
  void helpListsTheCommandsOfTheDesign() {
    String help = run("--help");
    for (String command : new String[] {"stack", "relay", "cache", "statsd", "web", "whisper"}) {
      assertTrue(help.matches("(?s).*\\n\\s+" + command + "\\s.*"), command + " missing from:\n" + help);
    }
  }

  @Test
  void stackHelpListsItsFlags() {
    String help = run("stack", "--help");
    for (String flag : new String[] {"--bind", "--data", "--http-port", "--carbon-port", "--statsd-port",
        "--flush-interval", "--pickle-port", "--carbonlink-port", "--schemas", "--aggregation"}) {
      assertTrue(help.contains(flag), flag + " missing from:\n" + help);
    }
  }

  @Test
  void badFlagValuesAreRefusedWithExitCode2() throws Exception {
    assertEquals(2, new CommandLine(Plumbago.class).execute("web", "--listen", "127.0.0.1:0", "--data",
        java.nio.file.Files.createTempDirectory("plumbago-web").toString(), "--cache", "no-port-here"),
        "a CarbonLink address without a port");
    assertEquals(2, new CommandLine(Plumbago.class).execute("cache", "--listen", "127.0.0.1:0", "--data", "x",
        "--wal", "x", "--wal-fsync", "sometimes"), "an fsync policy that is neither batch nor milliseconds");
    assertEquals(2, new CommandLine(Plumbago.class).execute("relay", "--listen", "127.0.0.1:0", "--destination",
        "127.0.0.1:2004", "--method", "rules"), "rules without a rules file");
    assertEquals(2, new CommandLine(Plumbago.class).execute("relay", "--listen", "127.0.0.1:0", "--destination",
        "127.0.0.1:2004", "--method", "aggregated-consistent-hashing"), "the method without its rules file");
  }
}
