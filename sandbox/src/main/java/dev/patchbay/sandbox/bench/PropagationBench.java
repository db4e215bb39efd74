package dev.patchbay.sandbox.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Figure 7: the file pipeline end to end, as the quick start runs it (a FileStreamSource into a topic, a
 * FileStreamSink out of it, both KafkaConnectors of the bench cluster): from appending a line to the source file
 * until it is in the sink file, one line at a time. This is Connect's and Kafka's speed (the source task looks at its
 * file about once a second when idle; the sink's file is flushed at each offset commit, every second on the test
 * worker), not the operator's, which is not in the data path.
 */
final class PropagationBench {

  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

  private PropagationBench() {
  }

  static List<String> run(BenchEnvironment env, BenchOptions options, Figures figures) throws Exception {
    Path source = env.emptyFile("pipeline-source");
    Path sink = env.workDir.resolve("files").resolve("pipeline-sink.txt");
    env.create(env.fileSource("pipeline-source", source, "bench-pipeline"));
    env.create(env.connector("pipeline-sink", "FileStreamSink", Map.of("file", sink.toString(),
        "topics", "bench-pipeline")));
    List<String> names = List.of("pipeline-source", "pipeline-sink");
    env.ready.awaitReady(names, Duration.ofSeconds(120));

    Tail tail = new Tail(sink);
    send(source, tail, "warm-up"); // topic creation, first fetches: not measured
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < options.propagationLines(); i++) {
      samples.add(send(source, tail, "line-" + i + "-" + System.nanoTime()));
    }
    figures.add("propagation_ms_p50", Stats.median(samples), "ms");
    figures.add("propagation_ms_p95", Stats.percentile(samples, 95), "ms");
    return names;
  }

  private static double send(Path source, Tail tail, String line) throws IOException, InterruptedException,
      TimeoutException {
    long start = System.nanoTime();
    Files.writeString(source, line + "\n", StandardOpenOption.APPEND);
    long deadline = start + LINE_TIMEOUT.toNanos();
    while (!tail.contains(line + "\n")) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("line not in the sink file within " + LINE_TIMEOUT);
      }
      Thread.sleep(2);
    }
    return Stats.millisSince(start, System.nanoTime());
  }

  /** Reads what was appended to a file since the last look. */
  private static final class Tail {
    private final Path file;
    private long offset;
    private final StringBuilder seen = new StringBuilder();

    Tail(Path file) {
      this.file = file;
    }

    boolean contains(String text) throws IOException {
      if (Files.exists(file) && Files.size(file) > offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
          in.seek(offset);
          byte[] bytes = new byte[(int) (in.length() - offset)];
          in.readFully(bytes);
          offset += bytes.length;
          seen.append(new String(bytes, StandardCharsets.UTF_8));
        }
      }
      int at = seen.indexOf(text);
      if (at >= 0) {
        seen.delete(0, at + text.length());
        return true;
      }
      return false;
    }
  }
}
