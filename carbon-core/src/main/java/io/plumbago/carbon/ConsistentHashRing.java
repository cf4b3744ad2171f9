package io.plumbago.carbon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * carbon's consistent-hash ring ({@code carbon.hashing.ConsistentHashRing} with carbon-relay's
 * {@code ConsistentHashingRouter}): every metric lands on the same destinations as carbon-relay puts it, for the
 * {@code carbon_ch} (md5) and {@code fnv1a_ch} hashes, with {@code REPLICATION_FACTOR} and {@code DIVERSE_REPLICAS}.
 * Immutable and thread-safe; a lookup binary-searches a sorted array.
 */
public final class ConsistentHashRing {
  /** carbon's {@code ROUTER_HASH_TYPE}. */
  public enum HashType {
    /** The first 16 bits of the md5 of the key (carbon's default). */
    CARBON_CH,
    /** The 32-bit FNV-1a of the key folded to 16 bits; replicas keyed by instance name only. */
    FNV1A_CH
  }

  private static final int REPLICAS = 100;
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(ConsistentHashRing::md5);

  private final HashType hashType;
  private final int[] positions;
  private final Destination[] owners;
  private final int distinctNodes;

  private ConsistentHashRing(HashType hashType, int[] positions, Destination[] owners, int distinctNodes) {
    this.hashType = hashType;
    this.positions = positions;
    this.owners = owners;
    this.distinctNodes = distinctNodes;
  }

  /**
   * A ring of {@code destinations} in the order carbon adds them (the order matters when two replicas collide: the
   * later one moves up). Destinations with the same host and instance are refused, as carbon refuses them.
   */
  public static ConsistentHashRing of(List<Destination> destinations, HashType hashType) {
    if (destinations.isEmpty()) {
      throw new IllegalArgumentException("a ring needs at least one destination");
    }
    Set<String> seen = new HashSet<>();
    Set<Integer> used = new HashSet<>();
    long[] entries = new long[destinations.size() * REPLICAS];
    int n = 0;
    for (int d = 0; d < destinations.size(); d++) {
      Destination destination = destinations.get(d);
      if (!seen.add(destination.host() + "\0" + destination.instance())) {
        throw new IllegalArgumentException("destination instance (" + destination.host() + ", "
            + destination.instance() + ") already configured");
      }
      for (int i = 0; i < REPLICAS; i++) {
        String replicaKey = hashType == HashType.FNV1A_CH
            ? i + "-" + (destination.instance() == null ? "None" : destination.instance())
            : pythonTupleRepr(destination.host(), destination.instance()) + ":" + i;
        int position = position(replicaKey, hashType);
        while (!used.add(position)) {
          position++;
        }
        entries[n++] = ((long) position << 32) | d;
      }
    }
    Arrays.sort(entries, 0, n);
    int[] positions = new int[n];
    Destination[] owners = new Destination[n];
    for (int i = 0; i < n; i++) {
      positions[i] = (int) (entries[i] >>> 32);
      owners[i] = destinations.get((int) entries[i]);
    }
    return new ConsistentHashRing(hashType, positions, owners, seen.size());
  }

  /** The destination carbon's {@code get_node} picks for {@code metric}. */
  public Destination nodeFor(String metric) {
    return owners[firstIndexAtOrAfter(position(metric, hashType))];
  }

  /**
   * The destinations carbon-relay sends {@code metric} to with {@code replicationFactor} copies: the ring walked from
   * the metric's position, distinct nodes in order, and with {@code diverseReplicas} distinct hosts only.
   */
  public List<Destination> nodesFor(String metric, int replicationFactor, boolean diverseReplicas) {
    List<Destination> result = new ArrayList<>(replicationFactor);
    Set<String> usedHosts = new HashSet<>();
    for (Destination node : walk(metric)) {
      if (diverseReplicas) {
        if (!usedHosts.add(node.host())) {
          continue;
        }
        result.add(node);
        if (usedHosts.size() >= replicationFactor) {
          break;
        }
      } else {
        if (result.size() == replicationFactor) {
          break;
        }
        result.add(node);
      }
    }
    return result;
  }

  /** carbon's {@code get_nodes} generator, quirks included (a one-node ring yields its node twice). */
  private List<Destination> walk(String metric) {
    List<Destination> out = new ArrayList<>();
    if (distinctNodes == 1) {
      out.add(owners[0]);
    }
    Set<Destination> nodes = new LinkedHashSet<>();
    int index = firstIndexAtOrAfter(position(metric, hashType));
    int last = Math.floorMod(index - 1, positions.length);
    while (nodes.size() < distinctNodes && index != last) {
      Destination next = owners[index];
      if (nodes.add(next)) {
        out.add(next);
      }
      index = (index + 1) % positions.length;
    }
    return out;
  }

  private int firstIndexAtOrAfter(int position) {
    int i = Arrays.binarySearch(positions, position);
    if (i < 0) {
      i = -i - 1;
    }
    return i % positions.length;
  }

  /** carbon's {@code carbonHash}: a 16-bit position on the ring. */
  static int position(String key, HashType hashType) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (hashType == HashType.FNV1A_CH) {
      int hash = 0x811c9dc5;
      for (byte b : bytes) {
        hash ^= b & 0xff;
        hash *= 0x01000193;
      }
      return ((hash >>> 16) ^ (hash & 0xffff)) & 0xffff;
    }
    byte[] digest = MD5.get().digest(bytes);
    return ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
  }

  /** Python's {@code str((host, instance))}, which carbon_ch hashes for each replica. */
  static String pythonTupleRepr(String host, String instance) {
    return "(" + pythonRepr(host) + ", " + (instance == null ? "None" : pythonRepr(instance)) + ")";
  }

  private static String pythonRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == quote) {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c == '\r') {
        b.append("\\r");
      } else {
        b.append(c);
      }
    }
    return b.append(quote).toString();
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
