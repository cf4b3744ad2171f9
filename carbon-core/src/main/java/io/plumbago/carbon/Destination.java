package io.plumbago.carbon;

import java.util.Objects;

/**
 * Where a relay sends metrics: a carbon daemon's host and port, and optionally its instance name, written as carbon
 * writes destinations ({@code host:port} or {@code host:port:instance}). The consistent-hash ring places metrics by
 * host and instance, not by port, exactly as carbon does.
 */
public record Destination(String host, int port, String instance) {
  /** Checks the fields; {@code instance} may be null. */
  public Destination {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("a destination needs a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Parses {@code host:port} or {@code host:port:instance}. */
  public static Destination parse(String text) {
    String[] parts = text.strip().split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("expected host:port[:instance], got '" + text + "'");
    }
    try {
      return new Destination(parts[0], Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : null);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port + (instance == null ? "" : ":" + instance);
  }
}
