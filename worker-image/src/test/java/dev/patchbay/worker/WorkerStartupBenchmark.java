package dev.patchbay.worker;

import dev.patchbay.testkit.EmbeddedKafka;
import dev.patchbay.testkit.WorkerDistribution;
import dev.patchbay.testkit.WorkerProcess;
import dev.patchbay.testkit.WorkerProcessBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not a test: prints worker start-up times (process start → REST ready) for a few JVM flag sets,
 * interleaved so a busy machine hurts them alike. Run after {@code mvn package} with the module's
 * test class path: {@code java -cp <test classpath> dev.patchbay.worker.WorkerStartupBenchmark [rounds]}.
 */
public final class WorkerStartupBenchmark {
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Map<String, String> flagSets = new LinkedHashMap<>();
    flagSets.put("image default (G1, C2)", "-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError");
    flagSets.put("G1 + TieredStopAtLevel=1", "-XX:+UseG1GC -XX:TieredStopAtLevel=1");
    flagSets.put("testkit default", WorkerProcessBuilder.DEFAULT_JVM_OPTS);
    for (String extra : args.length > 1 ? args[1].split(";") : new String[0]) {
      flagSets.put(extra, extra);
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      int group = 0;
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, String> flags : flagSets.entrySet()) {
          try (WorkerProcess worker = WorkerProcess.builder(WorkerDistribution.locate())
              .bootstrapServers(kafka.bootstrapServers())
              .groupId("bench-" + group++)
              .env("PATCHBAY_JVM_OPTS", flags.getValue())
              .start()) {
            worker.awaitReady(Duration.ofSeconds(180));
            System.out.printf("BENCH %-40s round %d: worker_startup_ms=%d%n", flags.getKey(), round,
                worker.startupTime().orElseThrow().toMillis());
          }
        }
      }
    }
  }
}
