package io.plumbago.benchmarks;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A rate-controlled StatsD sender for {@code benchmarks/scripts/statsd-vs-etsy.sh}: 30-line datagrams of
 * {@code PREFIX.kN:1|c} over {@code KEYS} keys, from several threads, at {@code RATE} metrics per second for
 * {@code SECONDS}. Prints {@code <metrics sent> <seconds taken>}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.plumbago.benchmarks.StatsdBlaster HOST PORT RATE SECONDS PREFIX KEYS
 * THREADS}
 */
public final class StatsdBlaster {
  private static final int LINES = 30;

  private StatsdBlaster() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    double metricsPerSecond = Double.parseDouble(args[2]);
    double seconds = Double.parseDouble(args[3]);
    String prefix = args[4];
    int keys = Integer.parseInt(args[5]);
    int threads = Integer.parseInt(args[6]);
    byte[][] datagrams = new byte[Math.max(1, keys / LINES)][];
    for (int d = 0; d < datagrams.length; d++) {
      StringBuilder packet = new StringBuilder();
      for (int l = 0; l < LINES; l++) {
        packet.append(prefix).append(".k").append((d * LINES + l) % keys).append(":1|c\n");
      }
      datagrams[d] = packet.toString().getBytes(StandardCharsets.US_ASCII);
    }
    AtomicLong sent = new AtomicLong();
    long started = System.nanoTime();
    long endAt = started + (long) (seconds * 1e9);
    double nanosPerDatagram = 1e9 * LINES * threads / metricsPerSecond;
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int offset = t;
      workers[t] = new Thread(() -> {
        try (DatagramChannel channel = DatagramChannel.open()) {
          channel.connect(target);
          ByteBuffer[] buffers = new ByteBuffer[datagrams.length];
          for (int d = 0; d < datagrams.length; d++) {
            buffers[d] = ByteBuffer.wrap(datagrams[d]);
          }
          long n = 0;
          while (true) {
            long due = started + (long) (n * nanosPerDatagram);
            if (due >= endAt) {
              break;
            }
            long now = System.nanoTime();
            if (now < due) {
              if (due - now > 50_000) {
                LockSupport.parkNanos(due - now - 20_000);
              }
              continue;
            }
            ByteBuffer buffer = buffers[(int) ((n + offset) % buffers.length)];
            buffer.rewind();
            channel.write(buffer);
            n++;
          }
          sent.addAndGet(n * LINES);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf("%d %.3f%n", sent.get(), (System.nanoTime() - started) / 1e9);
  }
}
