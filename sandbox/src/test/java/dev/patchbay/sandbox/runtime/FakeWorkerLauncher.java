package dev.patchbay.sandbox.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Pods as in-process HTTP servers answering /health and / on PATCHBAY_REST_PORT: fast runtime tests. */
final class FakeWorkerLauncher implements PodProcess.Launcher {

  final List<LocalPodSpec> launched = new CopyOnWriteArrayList<>();

  @Override
  public PodProcess launch(LocalPodSpec spec) throws IOException {
    launched.add(spec);
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
}
