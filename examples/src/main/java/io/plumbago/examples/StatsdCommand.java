package io.plumbago.examples;

import io.plumbago.carbon.CarbonClient;
import io.plumbago.carbon.Destination;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.StatsdServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plumbago statsd}: a StatsD server flushing to carbon, configured with Etsy statsd's own config file. */
@Command(name = "statsd", mixinStandardHelpOptions = true,
    description = "StatsD server (UDP and TCP) flushing Etsy statsd's output to carbon destinations.")
final class StatsdCommand implements Callable<Integer> {
  @Option(names = "--listen", required = true, description = "UDP and TCP listeners, HOST:PORT (port 0: free)")
  String listen;
  @Option(names = "--carbon", required = true, description = "carbon plaintext destination HOST:PORT, repeat to "
      + "send every flush to each")
  List<String> carbon;
  @Option(names = "--flush-interval", description = "seconds between flushes (default: the config's, else 10)")
  Integer flushIntervalSeconds;
  @Option(names = "--config", description = "Etsy statsd's config file (percentThreshold, deleteIdleStats, "
      + "histogram, graphite.legacyNamespace, graphite.globalPrefix, ...)")
  Path config;
  @Option(names = "--max-datagram-bytes", description = "largest UDP payload taken whole (default 65507: any)")
  Integer maxDatagramBytes;

  @Override
  public Integer call() throws Exception {
    StatsdConfig settings = config != null ? StatsdConfig.read(config) : StatsdConfig.defaults();
    if (flushIntervalSeconds != null) {
      settings = settings.withFlushIntervalSeconds(flushIntervalSeconds);
    }
    List<CarbonClient> clients = new ArrayList<>();
    for (String destination : carbon) {
      clients.add(CarbonClient.builder(Destination.parse(destination)).build());
    }
    InetSocketAddress address = Daemons.address(listen);
    StatsdServer.Builder builder = StatsdServer.builder((metric, timestampSeconds, value) -> {
      for (CarbonClient client : clients) {
        client.accept(metric, timestampSeconds, value);
      }
    }).config(settings).udp(address).tcp(address);
    if (maxDatagramBytes != null) {
      builder.maxDatagramBytes(maxDatagramBytes);
    }
    StatsdServer server = builder.build();
    server.start();
    java.util.List<String> listening = new java.util.ArrayList<>();
    Daemons.announce(listening, "statsd-udp", server.udpAddress());
    Daemons.announce(listening, "statsd-tcp", server.tcpAddress());
    Daemons.runUntilTerminated("plumbago-statsd", listening, () -> {
      server.close(); // a last flush of what was received
      clients.forEach(CarbonClient::close);
    });
    return 0;
  }
}
