package dev.patchbay.worker;

import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not a test: prints worker start-up times (process start → REST ready) for a few JVM flag sets.
 * Run after {@code mvn package} with the module's test classpath:
 * {@code java -cp <test classpath> dev.patchbay.worker.WorkerStartupBenchmark [runs]}.
 */
public final class WorkerStartupBenchmark {
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Map<String, String> flagSets = new LinkedHashMap<>();
    flagSets.put("image default (G1, C2)", "-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError");
    flagSets.put("G1 + TieredStopAtLevel=1", "-XX:+UseG1GC -XX:TieredStopAtLevel=1");
    flagSets.put("testkit default (Serial, C1)", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      int group = 0;
      for (Map.Entry<String, String> flags : flagSets.entrySet()) {
        for (int i = 0; i < runs; i++) {
          try (WorkerProcess worker = WorkerProcess.builder(WorkerDistribution.locate())
              .bootstrapServers(kafka.bootstrapServers())
              .groupId("bench-" + group++)
              .env("PATCHBAY_JVM_OPTS", flags.getValue())
              .start()) {
            worker.awaitReady(Duration.ofSeconds(120));
            System.out.printf("%-30s run %d: worker_startup_ms=%d%n", flags.getKey(), i, worker.startupTime().orElseThrow().toMillis());
          }
        }
      }
    }
  }
}
