package dev.patchbay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A server on a loopback port that accepts every connection and never answers: what a hung Connect worker looks like
 * to a client (the connection succeeds, the request times out). Closing it closes every connection it holds.
 */
public final class HangingServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());

  private HangingServer(ServerSocket socket) {
    this.socket = socket;
  }

  public static HangingServer start() {
    try {
      HangingServer server = new HangingServer(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
      Thread acceptor = new Thread(server::accept, "hanging-server");
      acceptor.setDaemon(true);
      acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        held.add(socket.accept()); // accepted, never read, never answered
      } catch (IOException e) {
        return;
      }
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** e.g. {@code http://127.0.0.1:41234} */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
    synchronized (held) {
      for (Socket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }
  }
}
