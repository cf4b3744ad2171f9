package io.plumbago.client.send;

import java.io.Closeable;
import java.io.IOException;

/** Where the sender thread writes packed lines. Used by one thread at a time. */
public interface Transport extends Closeable {
  /** Writes {@code length} bytes of {@code packet}: one datagram, or a chunk of a stream. */
  void send(byte[] packet, int length) throws IOException;

  /** Whether this is a byte stream (TCP, Unix socket), where every line keeps its newline. */
  boolean stream();
}
