package io.plumbago.examples;

import io.plumbago.carbon.CachedPoint;
import io.plumbago.carbon.CarbonLinkClient;
import io.plumbago.carbon.Destination;
import io.plumbago.render.RenderServer;
import java.net.URI;
import java.util.ArrayList;
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
    description = "graphite-web's render API over a whisper tree, with points still in carbon caches (CarbonLink), "
        + "series from other Graphite nodes (cluster), and /events over an events store.")
final class WebCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--listen", required = true, description = "HTTP listener, HOST:PORT (port 0: free)")
  String listen;
  @Option(names = "--data", required = true, description = "the whisper tree")
  Path data;
  @Option(names = "--cache", description = "CarbonLink HOST:PORT[:INSTANCE] of a carbon cache (repeatable; a metric "
      + "is asked of the cache that owns it on carbon's hash ring, as graphite-web's CARBONLINK_HOSTS)")
  List<String> caches;
  @Option(names = "--cluster", description = "base URL of another Graphite node, graphite-web or Plumbago "
      + "(repeatable; as graphite-web's CLUSTER_SERVERS)")
  List<String> cluster;
  @Option(names = "--cluster-timeout-ms", defaultValue = "10000", description = "how long to wait for a cluster "
      + "node before leaving it out of a request (default: ${DEFAULT-VALUE})")
  long clusterTimeoutMillis;
  @Option(names = "--events", description = "the events store folder: serves /events, the submitter page and "
      + "events(...)")
  Path events;
  @Option(names = "--events-token", description = "bearer token that POST and DELETE on /events need (default: none; "
      + "also read from env PLUMBAGO_EVENTS_TOKEN)", defaultValue = "${env:PLUMBAGO_EVENTS_TOKEN}")
  String eventsToken;

  @Override
  public Integer call() throws Exception {
    WhisperDatabase database = WhisperDatabase.builder(data).build();
    EventsMount mount = events == null ? null : new EventsMount(events, eventsToken);
    RenderServer.Builder builder = RenderServer.builder(database).bind(Daemons.address(listen));
    CarbonLinkClient carbonLink = null;
    if (caches != null && !caches.isEmpty()) {
      List<Destination> destinations = new ArrayList<>();
      for (String cache : caches) {
        try {
          destinations.add(Destination.parse(cache));
        } catch (IllegalArgumentException e) {
          spec.commandLine().getErr().println("--cache " + cache + ": " + e.getMessage());
          database.close();
          return 2;
        }
      }
      CarbonLinkClient client = CarbonLinkClient.of(destinations);
      carbonLink = client;
      builder.cacheOverlay((metric, consumer) -> {
        for (CachedPoint p : client.query(metric)) {
          consumer.accept(p.timestampSeconds(), p.value());
        }
      });
    }
    if (cluster != null && !cluster.isEmpty()) {
      List<URI> peers = new ArrayList<>();
      for (String url : cluster) {
        peers.add(URI.create(url.contains("://") ? url : "http://" + url));
      }
      builder.cluster(peers, clusterTimeoutMillis);
    }
    CarbonLinkClient carbonLinkClient = carbonLink;
    RenderServer render = (mount == null ? builder : mount.mountOn(builder)).build();
    render.start();
    java.util.List<String> listening = new java.util.ArrayList<>();
    Daemons.announce(listening, "http", render.address());
    Daemons.runUntilTerminated("plumbago-web", listening, () -> {
      render.close();
      if (carbonLinkClient != null) {
        carbonLinkClient.close();
      }
      if (mount != null) {
        mount.close();
      }
      database.close();
    });
    return 0;
  }
}
