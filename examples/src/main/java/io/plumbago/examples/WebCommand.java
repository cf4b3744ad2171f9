package io.plumbago.examples;

import io.plumbago.render.RenderServer;
import io.plumbago.whisper.WhisperDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plumbago web}: graphite-web's render API over a whisper tree (the reference platform's frontends), with the
 * events API, the events submitter page and {@code events(...)} over an events store when {@code --events} is given.
 */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = "graphite-web's render API over a whisper tree, and /events over an events store "
        + "(caches and cluster peers: issue 9).")
final class WebCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--listen", required = true, description = "HTTP listener, HOST:PORT (port 0: free)")
  String listen;
  @Option(names = "--data", required = true, description = "the whisper tree")
  Path data;
  @Option(names = "--cache", description = "CarbonLink HOST:PORT of a cache (not implemented yet, issue 9)")
  List<String> caches;
  @Option(names = "--cluster", description = "another Graphite node's URL (not implemented yet, issue 9)")
  List<String> cluster;
  @Option(names = "--events", description = "the events store folder: serves /events, the submitter page and "
      + "events(...)")
  Path events;
  @Option(names = "--events-token", description = "bearer token that POST and DELETE on /events need (default: none; "
      + "also read from env PLUMBAGO_EVENTS_TOKEN)", defaultValue = "${env:PLUMBAGO_EVENTS_TOKEN}")
  String eventsToken;

  @Override
  public Integer call() throws Exception {
    if (caches != null || cluster != null) {
      spec.commandLine().getErr().println("not implemented yet: --cache and --cluster (issue 9)");
      return 2;
    }
    WhisperDatabase database = WhisperDatabase.builder(data).build();
    EventsMount mount = events == null ? null : new EventsMount(events, eventsToken);
    RenderServer.Builder builder = RenderServer.builder(database).bind(Daemons.address(listen));
    RenderServer render = (mount == null ? builder : mount.mountOn(builder)).build();
    render.start();
    java.util.List<String> listening = new java.util.ArrayList<>();
    Daemons.announce(listening, "http", render.address());
    Daemons.runUntilTerminated("plumbago-web", listening, () -> {
      render.close();
      if (mount != null) {
        mount.close();
      }
      database.close();
    });
    return 0;
  }
}
