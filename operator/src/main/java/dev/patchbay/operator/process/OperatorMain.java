package dev.patchbay.operator.process;

import dev.patchbay.operator.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CountDownLatch;

/** The entry point of the operator jar: one {@link OperatorProcess} until SIGTERM. */
public final class OperatorMain {

  private OperatorMain() {
  }

  /**
   * Runs the operator with settings from the environment (see {@link OperatorSettings#fromEnv} and
   * {@link ProcessSettings#fromEnv}) until SIGTERM. Exit code 2: a bad setting; 1: the operator could not start or
   * lost its leader Lease.
   */
  public static void main(String[] args) throws InterruptedException {
    ProcessSettings settings;
    try {
      settings = ProcessSettings.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("patchbay-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Before anything touches Log4j: log4j2.xml reads these.
    System.setProperty("patchbay.log.level", settings.logLevel());
    System.setProperty("patchbay.log.format", settings.logFormat());

    KubernetesClient client = new KubernetesClientBuilder().build();
    CountDownLatch stopped = new CountDownLatch(1);
    OperatorProcess process;
    try {
      process = new OperatorProcess(settings, client, LeaseTimings.DEFAULT, operator -> { },
          () -> new Thread(() -> System.exit(1), "patchbay-exit").start());
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(OperatorMain.class).error("Cannot create the operator", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      process.close();
      client.close();
      stopped.countDown();
      org.apache.logging.log4j.LogManager.shutdown();
    }, "patchbay-shutdown"));
    try {
      process.start();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(OperatorMain.class).error("The operator could not start", e);
      System.exit(1);
    }
    stopped.await();
  }
}
