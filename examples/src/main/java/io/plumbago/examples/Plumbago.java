package io.plumbago.examples;

import io.plumbago.examples.whisper.WhisperCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code plumbago} command line: a drop-in for a Graphite installation. */
@Command(name = "plumbago", mixinStandardHelpOptions = true, version = "plumbago 0.1.0-SNAPSHOT",
    description = "The Graphite stack (StatsD, carbon, whisper, graphite-web) as one Java program.",
    subcommands = {Plumbago.StackCommand.class, RelayCommand.class, CacheCommand.class, StatsdCommand.class,
        WebCommand.class, WhisperCommand.class})
public final class Plumbago {
  Plumbago() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(Plumbago.class).execute(args));
  }

  /** {@code plumbago stack}: the whole pipeline in one process. */
  @Command(name = "stack", mixinStandardHelpOptions = true,
      description = "The whole reference pipeline in one process: StatsD, carbon plaintext and pickle, cache, "
          + "whisper, HTTP (render API, /events and the events submitter page).")
  static final class StackCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (${DEFAULT-VALUE}).")
    String bind;
    @Option(names = "--data", defaultValue = "./data", description = "Data folder; whisper under DATA/whisper, events under DATA/events.")
    Path data;
    @Option(names = "--http-port", defaultValue = "8080", description = "graphite-web API port (${DEFAULT-VALUE}).")
    int httpPort;
    @Option(names = "--carbon-port", defaultValue = "2003", description = "carbon plaintext TCP+UDP port.")
    int carbonPort;
    @Option(names = "--statsd-port", defaultValue = "8125", description = "StatsD UDP+TCP port.")
    int statsdPort;
    @Option(names = "--flush-interval", defaultValue = "10", description = "StatsD flush interval in seconds.")
    int flushIntervalSeconds;
    @Option(names = "--pickle-port", defaultValue = "2004", description = "carbon pickle TCP port (${DEFAULT-VALUE}).")
    int picklePort;
    @Option(names = "--carbonlink-port", defaultValue = "7002",
        description = "CarbonLink (cache query) port for graphite-web (${DEFAULT-VALUE}).")
    int carbonlinkPort;
    @Option(names = "--schemas", description = "A storage-schemas.conf (default: every metric "
        + Stack.DEFAULT_RETENTIONS + ").")
    Path schemas;
    @Option(names = "--aggregation", description = "A storage-aggregation.conf (default: average, xFilesFactor 0.5).")
    Path aggregation;
    @Option(names = "--events-token", description = "Bearer token that POST and DELETE on /events need "
        + "(default: none, anyone may write). Also read from env PLUMBAGO_EVENTS_TOKEN.",
        defaultValue = "${env:PLUMBAGO_EVENTS_TOKEN}")
    String eventsToken;

    @Override
    public Integer call() throws Exception {
      StackOptions options = new StackOptions(bind, data, httpPort, carbonPort, picklePort, carbonlinkPort,
          statsdPort, flushIntervalSeconds, schemas, aggregation, eventsToken);
      Stack stack = Stack.start(options);
      Daemons.runUntilTerminated("plumbago-stack", stack.listening(), stack::close);
      return 0;
    }
  }
}
