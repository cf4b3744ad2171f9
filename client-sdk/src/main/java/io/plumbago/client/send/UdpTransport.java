package io.plumbago.client.send;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** One datagram per packet to a connected UDP address. */
public final class UdpTransport implements Transport {
  private final DatagramChannel channel;

  /** Opens a socket connected to {@code server}; the address must be resolved. */
  public UdpTransport(InetSocketAddress server) throws IOException {
    channel = DatagramChannel.open();
    try {
      channel.connect(server);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void send(byte[] packet, int length) throws IOException {
    channel.write(ByteBuffer.wrap(packet, 0, length));
  }

  @Override
  public boolean stream() {
    return false;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
