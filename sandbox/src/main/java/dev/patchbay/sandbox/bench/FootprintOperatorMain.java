package dev.patchbay.sandbox.bench;

import dev.patchbay.operator.process.OperatorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator in a JVM of its own, for the footprint figures: runs {@link OperatorMain#main} (the production
 * entry point, settings from the environment) and answers on stdin: {@code measure} prints
 * {@code footprint: heap_bytes=<used after a full GC> rss_kb=<VmRSS>}; {@code exit} (or end of input) stops.
 */
public final class FootprintOperatorMain {

  static final String PREFIX = "footprint: ";

  private FootprintOperatorMain() {
  }

  public static void main(String[] args) throws IOException {
    Thread operator = new Thread(() -> {
      try {
        OperatorMain.main(args);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "operator-main");
    operator.setDaemon(true);
    operator.start();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.strip().equals("exit"); line = in.readLine()) {
      if (line.strip().equals("measure")) {
        System.out.println(PREFIX + "heap_bytes=" + heapAfterGc() + " rss_kb=" + rssKb());
        System.out.flush();
      }
    }
    System.exit(0);
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** VmRSS from /proc/self/status, in kB; -1 where there is no /proc. */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
