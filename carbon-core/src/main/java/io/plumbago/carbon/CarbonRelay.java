package io.plumbago.carbon;

import io.plumbago.carbon.relay.CRelayNames;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * carbon-relay with {@code RELAY_METHOD} {@code consistent-hashing}, {@code rules} or
 * {@code aggregated-consistent-hashing}, or a carbon-c-relay hash cluster:
 * listens like carbon (plaintext TCP/UDP, pickle) and sends every point to the destinations its ring or rules pick for
 * its name, {@code replicationFactor} copies with a ring, through one {@link CarbonClient} per destination (so a slow
 * or dead destination queues its share and the others keep receiving). {@link #close} stops listening, then sends
 * what is queued.
 */
public final class CarbonRelay implements PointSink, AutoCloseable {
  /** Where one metric goes: picked once at build time from the relay method. */
  @FunctionalInterface
  private interface Routing {
    Collection<Destination> destinationsOf(String metric);
  }

  private final Routing routing;
  private final Map<Destination, CarbonClient> clients = new LinkedHashMap<>();
  private final CarbonReceiver receiver;
  private final boolean cleanseLikeCRelay;

  private CarbonRelay(Builder builder) {
    this.routing = routing(builder);
    this.cleanseLikeCRelay = builder.cRelayHashType != null;
    for (Destination d : builder.destinations) {
      CarbonClient.Builder client = CarbonClient.builder(d).protocol(builder.protocol)
          .maxQueuedPoints(builder.maxQueuedPoints);
      if (builder.spillRoot != null) {
        client.spillDirectory(builder.spillRoot.resolve(d.host() + "_" + d.port()
            + (d.instance() == null ? "" : "_" + d.instance())), builder.maxSpillBytes);
      }
      clients.put(d, client.build());
    }
    CarbonReceiver.Builder listeners = CarbonReceiver.builder(this);
    if (builder.plaintextTcp != null) {
      listeners.plaintextTcp(builder.plaintextTcp);
    }
    if (builder.plaintextUdp != null) {
      listeners.plaintextUdp(builder.plaintextUdp);
    }
    if (builder.pickleTcp != null) {
      listeners.pickleTcp(builder.pickleTcp);
    }
    this.receiver = listeners.build();
  }

  /** A relay to {@code destinations}, in carbon's order (it decides ring collisions). */
  public static Builder builder(List<Destination> destinations) {
    return new Builder(destinations);
  }

  /** Binds the listeners. */
  public void start() throws InterruptedException {
    receiver.start();
  }

  /** Routes one point to its destinations' queues. */
  @Override
  public void accept(String metric, long timestampSeconds, double value) {
    if (cleanseLikeCRelay) {
      metric = CRelayNames.cleanse(metric);
      if (metric.isEmpty()) {
        return; // nothing left of the name: carbon-c-relay forwards nothing either
      }
    }
    for (Destination d : routing.destinationsOf(metric)) {
      clients.get(d).accept(metric, timestampSeconds, value);
    }
  }

  /** The routing of the builder's method, built from its values as they are now. */
  private static Routing routing(Builder b) {
    int copies = b.replicationFactor;
    boolean diverse = b.diverseReplicas;
    if (b.rules != null) {
      RelayRules rules = b.rules;
      Set<Destination> configured = Set.copyOf(b.destinations);
      // carbon sends twice to a destination two matching rules name; once is enough
      return metric -> new LinkedHashSet<>(rules.destinationsFor(metric, configured));
    }
    if (b.cRelayHashType != null) {
      CarbonCRelayRing cRelay = CarbonCRelayRing.of(b.destinations, b.cRelayHashType);
      return metric -> cRelay.nodesFor(metric, copies);
    }
    ConsistentHashRing ring = ConsistentHashRing.of(b.destinations, b.hashType);
    Routing hashed = copies == 1
        ? metric -> List.of(ring.nodeFor(metric))
        : metric -> ring.nodesFor(metric, copies, diverse);
    if (b.aggregationRules == null) {
      return hashed;
    }
    List<AggregationRule> aggregations = b.aggregationRules;
    // aggregated-consistent-hashing: where the aggregates a metric feeds live, or the metric itself if none
    return metric -> {
      Set<Destination> targets = new LinkedHashSet<>();
      for (AggregationRule rule : aggregations) {
        String aggregate = rule.outputFor(metric);
        if (aggregate != null) {
          targets.addAll(hashed.destinationsOf(aggregate));
        }
      }
      return targets.isEmpty() ? hashed.destinationsOf(metric) : targets;
    };
  }

  /** The listeners (for their bound addresses and counters). */
  public CarbonReceiver receiver() {
    return receiver;
  }

  /** Each destination's counters, in configuration order. */
  public Map<Destination, ClientStats> destinationStats() {
    Map<Destination, ClientStats> stats = new LinkedHashMap<>();
    clients.forEach((d, c) -> stats.put(d, c.stats()));
    return stats;
  }

  /** Stops listening, then sends what is queued to each destination (up to ten seconds each). */
  @Override
  public void close() {
    receiver.close();
    List<RuntimeException> failures = new ArrayList<>();
    for (CarbonClient client : clients.values()) {
      try {
        client.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /** Configures a {@link CarbonRelay}. */
  public static final class Builder {
    private final List<Destination> destinations;
    private ConsistentHashRing.HashType hashType = ConsistentHashRing.HashType.CARBON_CH;
    private CarbonCRelayRing.HashType cRelayHashType;
    private RelayRules rules;
    private List<AggregationRule> aggregationRules;
    private int replicationFactor = 1;
    private boolean diverseReplicas = true;
    private CarbonClient.Protocol protocol = CarbonClient.Protocol.PICKLE;
    private int maxQueuedPoints = 100_000;
    private java.nio.file.Path spillRoot;
    private long maxSpillBytes = 1L << 30;
    private InetSocketAddress plaintextTcp;
    private InetSocketAddress plaintextUdp;
    private InetSocketAddress pickleTcp;

    private Builder(List<Destination> destinations) {
      this.destinations = List.copyOf(Objects.requireNonNull(destinations));
      if (destinations.isEmpty()) {
        throw new IllegalArgumentException("a relay needs at least one destination");
      }
    }

    /** carbon's {@code ROUTER_HASH_TYPE}; carbon_ch by default. */
    public Builder hashType(ConsistentHashRing.HashType hashType) {
      this.hashType = Objects.requireNonNull(hashType);
      return this;
    }

    /**
     * Places metrics as a carbon-c-relay cluster of this type does instead of as carbon-relay does (replicas are then
     * distinct destinations, and {@link #diverseReplicas} does not apply), after cleansing each name as
     * carbon-c-relay does ({@link io.plumbago.carbon.relay.CRelayNames}).
     */
    public Builder cRelayHashType(CarbonCRelayRing.HashType type) {
      this.cRelayHashType = type;
      return this;
    }

    /**
     * Routes by carbon's relay-rules.conf ({@code RELAY_METHOD = rules}) instead of a hash ring; destinations a rule
     * names but this relay was not given are skipped, as in carbon.
     */
    public Builder rules(RelayRules rules) {
      this.rules = rules;
      return this;
    }

    /**
     * carbon's {@code aggregated-consistent-hashing}: each metric goes where the aggregates it feeds under these
     * rules hash (so one aggregator sees every input of an aggregate), or where it hashes itself if it feeds none.
     */
    public Builder aggregatedConsistentHashing(List<AggregationRule> rules) {
      this.aggregationRules = List.copyOf(rules);
      return this;
    }

    /** carbon's {@code REPLICATION_FACTOR}; 1 by default. */
    public Builder replicationFactor(int copies) {
      if (copies < 1) {
        throw new IllegalArgumentException("replication factor must be at least 1: " + copies);
      }
      this.replicationFactor = copies;
      return this;
    }

    /** carbon's {@code DIVERSE_REPLICAS} (copies on distinct hosts); true by default, as carbon 1.1. */
    public Builder diverseReplicas(boolean diverse) {
      this.diverseReplicas = diverse;
      return this;
    }

    /** What the relay speaks to destinations: pickle by default, as carbon-relay. */
    public Builder protocol(CarbonClient.Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol);
      return this;
    }

    /** Points each destination may queue while it is down (carbon's MAX_QUEUE_SIZE). */
    public Builder maxQueuedPoints(int points) {
      this.maxQueuedPoints = points;
      return this;
    }

    /**
     * Spills each destination's points that do not fit in memory to its own folder under {@code root}
     * ({@code host_port[_instance]}), up to {@code maxBytes} bytes each, instead of dropping them.
     */
    public Builder spillDirectory(java.nio.file.Path root, long maxBytes) {
      this.spillRoot = Objects.requireNonNull(root);
      this.maxSpillBytes = maxBytes;
      return this;
    }

    /** Listens for plaintext over TCP. */
    public Builder plaintextTcp(InetSocketAddress address) {
      this.plaintextTcp = address;
      return this;
    }

    /** Listens for plaintext over UDP. */
    public Builder plaintextUdp(InetSocketAddress address) {
      this.plaintextUdp = address;
      return this;
    }

    /** Listens for pickle over TCP. */
    public Builder pickleTcp(InetSocketAddress address) {
      this.pickleTcp = address;
      return this;
    }

    /** The relay, its clients already connecting; listeners bind on {@link CarbonRelay#start}. */
    public CarbonRelay build() {
      return new CarbonRelay(this);
    }
  }
}
