package io.plumbago.carbon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * carbon-c-relay's placement of metrics in a cluster ({@code carbon_ch}, {@code fnv1a_ch} and {@code jump_fnv1a_ch}),
 * so a Plumbago relay can replace a carbon-c-relay without moving any metric. It differs from carbon's own ring
 * ({@link ConsistentHashRing}) where c-relay differs: colliding replicas are not moved up, members sort by host and
 * instance, fnv1a keys use {@code host:port} when a member has no instance, FNV-1a XORs sign-extended bytes, and
 * replicas are distinct members, not distinct hosts. The metric key is the name up to the first {@code ;}, as c-relay
 * hashes tagged names. Immutable and thread-safe.
 */
public final class CarbonCRelayRing {
  /** carbon-c-relay's cluster types. */
  public enum HashType {
    /** carbon's md5 ring as c-relay builds it. */
    CARBON_CH,
    /** FNV-1a (32-bit) ring. */
    FNV1A_CH,
    /** Jump consistent hash over FNV-1a (64-bit); one bucket per member. */
    JUMP_FNV1A_CH
  }

  private static final int REPLICAS = 100;
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(CarbonCRelayRing::md5);

  private final HashType type;
  private final int[] positions;
  private final Destination[] owners;
  private final Destination[] buckets;
  private final int members;

  private CarbonCRelayRing(HashType type, int[] positions, Destination[] owners, Destination[] buckets, int members) {
    this.type = type;
    this.positions = positions;
    this.owners = owners;
    this.buckets = buckets;
    this.members = members;
  }

  /** A cluster of {@code members} in configuration order. */
  public static CarbonCRelayRing of(List<Destination> members, HashType type) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one member");
    }
    if (type == HashType.JUMP_FNV1A_CH) {
      List<Destination> withInstance = new ArrayList<>();
      List<Destination> without = new ArrayList<>();
      for (Destination d : members) {
        (d.instance() != null ? withInstance : without).add(d);
      }
      withInstance.sort((a, b) -> compareInstances(a.instance(), b.instance()));
      withInstance.addAll(without);
      return new CarbonCRelayRing(type, null, null, withInstance.toArray(new Destination[0]), members.size());
    }
    record Entry(int position, Destination member) {}
    List<Entry> entries = new ArrayList<>(members.size() * REPLICAS);
    for (Destination d : members) {
      for (int i = 0; i < REPLICAS; i++) {
        String key;
        int position;
        if (type == HashType.CARBON_CH) {
          key = ConsistentHashRing.pythonTupleRepr(d.host(), d.instance()) + ":" + i;
          position = md5Position(key);
        } else {
          key = i + "-" + (d.instance() != null ? d.instance() : d.host() + ":" + d.port());
          position = fold(fnv1a32(key));
        }
        entries.add(new Entry(position, d));
      }
    }
    Comparator<Entry> order = Comparator.comparingInt(Entry::position)
        .thenComparing(e -> e.member().host());
    order = type == HashType.CARBON_CH
        ? order.thenComparing(e -> e.member().instance(), Comparator.nullsLast(Comparator.naturalOrder()))
        : order.thenComparingInt(e -> e.member().port());
    entries.sort(order);
    int[] positions = new int[entries.size()];
    Destination[] owners = new Destination[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      positions[i] = entries.get(i).position();
      // c-relay does not move colliding replicas: a later entry at the same position belongs to the first one's member
      owners[i] = i > 0 && positions[i] == positions[i - 1] ? owners[i - 1] : entries.get(i).member();
    }
    return new CarbonCRelayRing(type, positions, owners, null, members.size());
  }

  /** The {@code replication} members carbon-c-relay sends {@code metric} to, primary first. */
  public List<Destination> nodesFor(String metric, int replication) {
    int semicolon = metric.indexOf(';');
    String key = semicolon < 0 ? metric : metric.substring(0, semicolon);
    int wanted = Math.min(replication, members);
    if (type == HashType.JUMP_FNV1A_CH) {
      return jump(key, wanted);
    }
    int position = type == HashType.CARBON_CH ? md5Position(key) : fold(fnv1a32(key));
    int i = Arrays.binarySearch(positions, position);
    if (i < 0) {
      i = -i - 1;
    } else {
      while (i > 0 && positions[i - 1] == position) {
        i--; // the first entry at that position
      }
    }
    Set<Destination> chosen = new LinkedHashSet<>();
    for (int k = 0; k < positions.length && chosen.size() < wanted; k++) {
      chosen.add(owners[(i + k) % positions.length]);
    }
    return new ArrayList<>(chosen);
  }

  private List<Destination> jump(String key, int wanted) {
    Destination[] list = buckets.clone();
    int n = list.length;
    long hash = fnv1a64(key);
    List<Destination> out = new ArrayList<>(wanted);
    for (int r = 0; r < wanted; r++) {
      if (r > 0) {
        hash ^= hash >>> 12;
        hash ^= hash << 25;
        hash ^= hash >>> 27;
        hash *= 2685821657736338717L;
      }
      int j = jumpBucket(hash, n);
      out.add(list[j]);
      list[j] = list[--n];
    }
    return out;
  }

  /** Lamping and Veach's jump consistent hash. */
  static int jumpBucket(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((double) (b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }

  private static int compareInstances(String a, String b) {
    if (a.matches("\\d+") && b.matches("\\d+") && a.length() < 19 && b.length() < 19) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    return compareBytes(a, b);
  }

  private static int compareBytes(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return Arrays.compareUnsigned(x, y);
  }

  /** FNV-1a over the bytes as C's signed {@code char}: a byte of 0x80 or more is sign-extended before the XOR. */
  static int fnv1a32(String s) {
    int h = 0x811c9dc5;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x01000193;
    }
    return h;
  }

  static long fnv1a64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static int fold(int h) {
    return ((h >>> 16) ^ (h & 0xffff)) & 0xffff;
  }

  private static int md5Position(String key) {
    byte[] digest = MD5.get().digest(key.getBytes(StandardCharsets.UTF_8));
    return ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
