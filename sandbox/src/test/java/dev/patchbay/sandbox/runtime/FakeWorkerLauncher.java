package dev.patchbay.sandbox.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pods as in-process HTTP servers answering /health and / on the pod's address and PATCHBAY_REST_PORT: fast runtime
 * tests. {@link #crash} ends one as a SIGKILL would. Told to, it cannot start a container at all, fails init
 * containers (with a termination message), or has the main container exit at once (after writing a log).
 */
final class FakeWorkerLauncher implements PodProcess.Launcher {

  final List<LocalPodSpec> launched = new CopyOnWriteArrayList<>();
  /** While true, every launch fails, as a container that cannot start. */
  volatile boolean failing;
  /** When set, every init container exits 1 with this termination message. */
  volatile String failInitWith;
  /** When set, the main container writes this to its log and exits 1 at once. */
  volatile String crashWithLog;
  private final List<Fake> processes = new CopyOnWriteArrayList<>();

  @Override
  public PodProcess launch(LocalPodSpec spec) throws IOException, PodProcess.InitContainerFailedException {
    if (failing) {
      throw new IOException("the container cannot start");
    }
    if (failInitWith != null && !spec.initContainers().isEmpty()) {
      throw new PodProcess.InitContainerFailedException(spec.initContainers().get(0).name(), 1, failInitWith);
    }
    launched.add(spec);
    if (crashWithLog != null) {
      Files.writeString(spec.logFile(), crashWithLog, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return exited();
    }
    int port = Integer.parseInt(spec.env().get("PATCHBAY_REST_PORT"));
    HttpServer server = HttpServer.create(new InetSocketAddress(spec.env().get("PATCHBAY_REST_HOST"), port), 0);
    server.createContext("/", exchange -> {
      byte[] body = ("{\"pod\":\"" + spec.podName() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    Fake fake = new Fake(spec.podName(), server);
    processes.add(fake);
    return fake;
  }

  /** Ends the running process of the pod, as {@code kill -9} would. */
  void crash(String podName) {
    processes.stream().filter(p -> p.podName.equals(podName) && p.alive).forEach(Fake::kill);
  }

  private static final class Fake implements PodProcess {
    final String podName;
    final HttpServer server;
    volatile boolean alive = true;

    Fake(String podName, HttpServer server) {
      this.podName = podName;
      this.server = server;
    }

    @Override
    public boolean isAlive() {
      return alive;
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

    @Override
    public int exitCode() {
      return 137;
    }
  }

  /** A main container that has already exited with 1. */
  private static PodProcess exited() {
    return new PodProcess() {
      @Override
      public boolean isAlive() {
        return false;
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

      @Override
      public int exitCode() {
        return 1;
      }
    };
  }
}
