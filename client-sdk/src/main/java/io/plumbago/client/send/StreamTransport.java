package io.plumbago.client.send;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.LongSupplier;

/**
 * A TCP or Unix domain stream socket, connected on first use and reconnected after a failure with exponential
 * backoff (from {@code minBackoffMillis} doubling up to {@code maxBackoffMillis}); while backing off, sends fail at
 * once so the caller drops and counts instead of waiting.
 */
public final class StreamTransport implements Transport {
  /** A send refused at once because the wait after a failed connection is not over: not a new failure. */
  public static final class BackingOff extends IOException {
    BackingOff(String message) {
      super(message);
    }
  }

  private final SocketAddress address;
  private final int connectTimeoutMillis;
  private final long minBackoffNanos;
  private final long maxBackoffNanos;
  private final LongSupplier nanoClock;
  private SocketChannel channel;
  private long backoffNanos;
  private long retryAtNanos;

  /** A stream to {@code address}: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}. */
  public StreamTransport(SocketAddress address, int connectTimeoutMillis, long minBackoffMillis,
      long maxBackoffMillis, LongSupplier nanoClock) {
    this.address = address;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.minBackoffNanos = minBackoffMillis * 1_000_000;
    this.maxBackoffNanos = maxBackoffMillis * 1_000_000;
    this.nanoClock = nanoClock;
  }

  @Override
  public void send(byte[] packet, int length) throws IOException {
    ensureConnected();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(packet, 0, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException | RuntimeException e) {
      failed();
      throw e;
    }
  }

  /** Connects unless connected, or throws while the backoff after a failure lasts. */
  public void ensureConnected() throws IOException {
    if (channel != null) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (backoffNanos > 0 && now - retryAtNanos < 0) {
      throw new BackingOff("not connected to " + address + "; retrying in "
          + (retryAtNanos - now) / 1_000_000 + " ms");
    }
    try {
      if (address instanceof UnixDomainSocketAddress) {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(address);
      } else {
        channel = SocketChannel.open();
        channel.socket().setTcpNoDelay(true);
        channel.socket().connect(address, connectTimeoutMillis);
      }
      backoffNanos = 0;
    } catch (IOException | RuntimeException e) {
      failed();
      throw e;
    }
  }

  private void failed() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already broken
      }
      channel = null;
    }
    backoffNanos = backoffNanos == 0 ? minBackoffNanos : Math.min(maxBackoffNanos, backoffNanos * 2);
    retryAtNanos = nanoClock.getAsLong() + backoffNanos;
  }

  @Override
  public boolean stream() {
    return true;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
