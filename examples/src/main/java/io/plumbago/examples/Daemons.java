package io.plumbago.examples;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** What every long-running command does: announce its listeners, then wait for SIGTERM and stop cleanly. */
final class Daemons {
  private Daemons() {}

  /** Adds {@code listening <what> <host>:<port>} to {@code lines} for a bound listener (nothing for null). */
  static void announce(List<String> lines, String what, InetSocketAddress address) {
    if (address != null) {
      lines.add("listening " + what + " " + address.getHostString() + ":" + address.getPort());
    }
  }

  /** Parses {@code HOST:PORT}. */
  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
    }
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** Parses {@code --wal-fsync}: {@code batch} is 0 (sync every batch), otherwise milliseconds between syncs. */
  static long fsyncIntervalMillis(String policy) {
    if (policy.equals("batch")) {
      return 0;
    }
    try {
      long millis = Long.parseLong(policy);
      if (millis > 0) {
        return millis;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("--wal-fsync takes batch or a number of milliseconds above 0, not '"
        + policy + "'");
  }

  /**
   * Registers {@code stop} as the shutdown hook, then prints the {@code listening} lines, then blocks until the JVM
   * is asked to stop (SIGTERM, Ctrl-C). The hook comes first so that a SIGTERM sent as soon as the lines appear still
   * writes everything down before the process exits.
   */
  static void runUntilTerminated(String name, List<String> listening, Runnable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.run();
      stopped.countDown();
    }, name + "-shutdown"));
    listening.forEach(System.out::println);
    System.out.flush();
    stopped.await();
  }
}
