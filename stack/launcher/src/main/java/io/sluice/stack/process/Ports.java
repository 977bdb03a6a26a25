package io.sluice.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Which ports are free, and a free one when any will do. */
public final class Ports {

  private Ports() {
  }

  /**
   * Whether a server could listen on the port now. Like the servers themselves, the check binds
   * with SO_REUSEADDR: connections of a stopped server that linger in TIME_WAIT do not hold the
   * port (without it, a restarted registry lost its port to them and moved), a listener does.
   */
  public static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port the kernel says is free now; it may be taken again before it is used, so callers check once more. */
  public static int ephemeral(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    }
  }
}
