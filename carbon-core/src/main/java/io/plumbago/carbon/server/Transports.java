package io.plumbago.carbon.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport a listener runs on: native epoll where the platform has it, NIO elsewhere. Internal to
 * Plumbago (statsd-core and render-core use it too); not part of carbon-core's API.
 */
public final class Transports {
  private final boolean epoll;

  private Transports(boolean epoll) {
    this.epoll = epoll;
  }

  /** Epoll when available, else NIO. */
  public static Transports best() {
    return new Transports(Epoll.isAvailable());
  }

  /** NIO, whatever the platform. */
  public static Transports nio() {
    return new Transports(false);
  }

  /** Whether this is the native epoll transport. */
  public boolean isEpoll() {
    return epoll;
  }

  /** A new event loop group of {@code threads} threads (0: Netty's default) named after {@code name}. */
  public EventLoopGroup group(int threads, String name) {
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    ThreadFactory threadFactory = new DefaultThreadFactory(name, true);
    return new MultiThreadIoEventLoopGroup(threads, threadFactory, factory);
  }

  /** The server socket channel class for TCP listeners. */
  public Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** The socket channel class for TCP clients. */
  public Class<? extends io.netty.channel.socket.SocketChannel> socketChannel() {
    return epoll ? io.netty.channel.epoll.EpollSocketChannel.class
        : io.netty.channel.socket.nio.NioSocketChannel.class;
  }

  /** The datagram channel class for UDP listeners. */
  public Class<? extends DatagramChannel> datagramChannel() {
    return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }
}
