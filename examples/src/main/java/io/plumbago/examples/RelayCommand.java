package io.plumbago.examples;

import io.plumbago.carbon.AggregationRule;
import io.plumbago.carbon.CarbonCRelayRing;
import io.plumbago.carbon.CarbonClient;
import io.plumbago.carbon.CarbonRelay;
import io.plumbago.carbon.ConsistentHashRing;
import io.plumbago.carbon.Destination;
import io.plumbago.carbon.RelayRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plumbago relay}: carbon-relay with consistent hashing, a drop-in for one of the redundant relays. */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = "carbon relay: consistent hashing of every metric to carbon destinations (carbon-relay's ring).")
final class RelayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--listen", required = true, description = "plaintext TCP listener, HOST:PORT (port 0: free)")
  String listen;
  @Option(names = "--udp-listen", description = "plaintext UDP listener, HOST:PORT")
  String udpListen;
  @Option(names = "--pickle-listen", description = "pickle TCP listener, HOST:PORT")
  String pickleListen;
  @Option(names = "--destination", required = true, description = "HOST:PORT[:INSTANCE], repeat for each, in "
      + "carbon's DESTINATIONS order")
  List<String> destinations;
  @Option(names = "--method", defaultValue = "consistent-hashing", description = "consistent-hashing, rules or "
      + "aggregated-consistent-hashing")
  String method;
  @Option(names = "--aggregation-rules", description = "aggregation-rules.conf, with --method "
      + "aggregated-consistent-hashing")
  Path aggregationRules;
  @Option(names = "--rules", description = "relay-rules.conf, with --method rules")
  Path rules;
  @Option(names = "--hash", defaultValue = "carbon_ch", description = "carbon_ch, fnv1a_ch or jump_fnv1a_ch")
  String hash;
  @Option(names = "--ring", defaultValue = "carbon", description = "whose placement to copy: carbon (carbon-relay) or "
      + "c-relay (carbon-c-relay; jump_fnv1a_ch always is)")
  String ring;
  @Option(names = "--replication", defaultValue = "1", description = "copies of each metric (REPLICATION_FACTOR)")
  int replication;
  @Option(names = "--diverse-replicas", defaultValue = "true", arity = "1",
      description = "copies on distinct hosts (DIVERSE_REPLICAS), default ${DEFAULT-VALUE}")
  boolean diverseReplicas;
  @Option(names = "--protocol", defaultValue = "pickle", description = "plaintext or pickle to destinations")
  String protocol;
  @Option(names = "--max-queue", defaultValue = "100000", description = "points queued per destination while it is "
      + "down (MAX_QUEUE_SIZE)")
  int maxQueue;
  @Option(names = "--queue-dir", description = "spill folder: points that do not fit in a destination's memory "
      + "queue go to DIR/host_port[_instance] instead of being dropped, and are sent when it is back (also after a "
      + "restart)")
  java.nio.file.Path queueDir;
  @Option(names = "--max-queue-bytes", defaultValue = "1073741824", description = "bytes each destination may spill "
      + "to disk, default ${DEFAULT-VALUE}")
  long maxQueueBytes;

  @Override
  public Integer call() throws Exception {
    if (!List.of("consistent-hashing", "rules", "aggregated-consistent-hashing").contains(method)) {
      spec.commandLine().getErr().println("--method must be consistent-hashing, rules or "
          + "aggregated-consistent-hashing");
      return 2;
    }
    if (method.equals("aggregated-consistent-hashing") != (aggregationRules != null)) {
      spec.commandLine().getErr().println("--method aggregated-consistent-hashing needs --aggregation-rules FILE, "
          + "and --aggregation-rules needs that method");
      return 2;
    }
    if (method.equals("rules") != (rules != null)) {
      spec.commandLine().getErr().println("--method rules needs --rules FILE, and --rules needs --method rules");
      return 2;
    }
    if (!List.of("carbon_ch", "fnv1a_ch", "jump_fnv1a_ch").contains(hash) || !List.of("carbon", "c-relay")
        .contains(ring)) {
      spec.commandLine().getErr().println("--hash must be carbon_ch, fnv1a_ch or jump_fnv1a_ch, --ring carbon or "
          + "c-relay");
      return 2;
    }
    List<Destination> parsed = new ArrayList<>();
    for (String d : destinations) {
      parsed.add(Destination.parse(d));
    }
    CarbonRelay.Builder builder = CarbonRelay.builder(parsed)
        .hashType(hash.equals("fnv1a_ch") ? ConsistentHashRing.HashType.FNV1A_CH
            : ConsistentHashRing.HashType.CARBON_CH)
        .replicationFactor(replication)
        .diverseReplicas(diverseReplicas)
        .protocol(protocol.equals("plaintext") ? CarbonClient.Protocol.PLAINTEXT : CarbonClient.Protocol.PICKLE)
        .maxQueuedPoints(maxQueue)
        .plaintextTcp(Daemons.address(listen));
    if (queueDir != null) {
      builder.spillDirectory(queueDir, maxQueueBytes);
    }
    if (aggregationRules != null) {
      builder.aggregatedConsistentHashing(AggregationRule.parseFile(aggregationRules));
    } else if (rules != null) {
      builder.rules(RelayRules.parse(rules));
    } else if (ring.equals("c-relay") || hash.equals("jump_fnv1a_ch")) {
      builder.cRelayHashType(CarbonCRelayRing.HashType.valueOf(hash.toUpperCase(java.util.Locale.ROOT)));
    }
    if (udpListen != null) {
      builder.plaintextUdp(Daemons.address(udpListen));
    }
    if (pickleListen != null) {
      builder.pickleTcp(Daemons.address(pickleListen));
    }
    CarbonRelay relay = builder.build();
    relay.start();
    java.util.List<String> listening = new java.util.ArrayList<>();
    Daemons.announce(listening, "carbon-plaintext-tcp", relay.receiver().plaintextTcpAddress());
    Daemons.announce(listening, "carbon-plaintext-udp", relay.receiver().plaintextUdpAddress());
    Daemons.announce(listening, "carbon-pickle", relay.receiver().pickleAddress());
    Daemons.runUntilTerminated("plumbago-relay", listening, relay::close);
    return 0;
  }
}
