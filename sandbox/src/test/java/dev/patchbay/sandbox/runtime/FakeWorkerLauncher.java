package dev.patchbay.sandbox.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pods as in-process HTTP servers answering /health and / on PATCHBAY_REST_PORT: fast runtime tests. Told to, it
 * fails init containers (with a termination message) or has the main container exit at once (after writing a log).
 */
final class FakeWorkerLauncher implements PodProcess.Launcher {

  final List<LocalPodSpec> launched = new CopyOnWriteArrayList<>();
  /** When set, every init container exits 1 with this termination message. */
  volatile String failInitWith;
  /** When set, the main container writes this to its log and exits 1 at once. */
  volatile String crashWithLog;

  @Override
  public PodProcess launch(LocalPodSpec spec) throws IOException, PodProcess.InitContainerFailedException {
    if (failInitWith != null && !spec.initContainers().isEmpty()) {
      throw new PodProcess.InitContainerFailedException(spec.initContainers().get(0).name(), 1, failInitWith);
    }
    launched.add(spec);
    if (crashWithLog != null) {
      Files.writeString(spec.logFile(), crashWithLog, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return exited();
    }
    int port = Integer.parseInt(spec.env().get("PATCHBAY_REST_PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", exchange -> {
      byte[] body = ("{\"pod\":\"" + spec.podName() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return new PodProcess() {
      volatile boolean alive = true;

      @Override
      public boolean isAlive() {
        return alive;
      }

      @Override
      public int exitCode() {
        return 0;
      }

      @Override
      public void stop(Duration grace) {
        kill();
      }

      @Override
      public void kill() {
        alive = false;
        server.stop(0);
      }

      @Override
      public long pid() {
        return -1;
      }
    };
  }

  private static PodProcess exited() {
    return new PodProcess() {
      @Override
      public boolean isAlive() {
        return false;
      }

      @Override
      public int exitCode() {
        return 1;
      }

      @Override
      public void stop(Duration grace) {
      }

      @Override
      public void kill() {
      }

      @Override
      public long pid() {
        return -1;
      }
    };
  }
}
