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

/** {@code plumbago web}: graphite-web's render API over a whisper tree (the reference platform's frontends). */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = "graphite-web's render API over a whisper tree (caches, cluster peers and events: issue 9).")
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
  @Option(names = "--events", description = "the events store folder (not implemented yet, issue 7)")
  Path events;

  @Override
  public Integer call() throws Exception {
    if (caches != null || cluster != null || events != null) {
      spec.commandLine().getErr().println("not implemented yet: --cache and --cluster (issue 9), --events (issue 7)");
      return 2;
    }
    WhisperDatabase database = WhisperDatabase.builder(data).build();
    RenderServer render = RenderServer.builder(database).bind(Daemons.address(listen)).build();
    render.start();
    Daemons.announce("http", render.address());
    Daemons.runUntilTerminated("plumbago-web", () -> {
      render.close();
      database.close();
    });
    return 0;
  }
}
