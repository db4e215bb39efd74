package dev.patchbay.sandbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole benchmark in a tiny configuration (2 connectors, 3 s windows, 5 resources for the heap, 2 s poll
 * interval) and checks only that every figure is printed as {@code bench: <name> = <number> <unit>}. No figure is
 * compared with anything: benchmarks are not tests. About two and a half minutes (a broker, two worker starts, a second
 * JVM for the operator's footprint, then the worker-loss phase's own sandbox with two workers);
 * {@code -Dpatchbay.bench.smoke=false} skips it.
 */
@DisabledIfSystemProperty(named = "patchbay.bench.smoke", matches = "false")
class BenchSmokeTest {

  private static final Pattern LINE = Pattern.compile("(?m)^bench: (\\S+) = (-?[0-9]+(?:\\.[0-9]+)?) (\\S+)$");

  @TempDir
  Path work;

  @Test
  void everyFigureIsPrintedWithANumber() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    int exit = BenchMain.run(BenchOptions.tiny().withWorkDir(work), out, System.err);

    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(exit).as("exit code; output:%n%s", printed).isZero();
    for (String name : Benchmark.FIGURE_NAMES) {
      Matcher m = Pattern.compile("(?m)^bench: " + Pattern.quote(name) + " = (\\S+) (\\S+)$").matcher(printed);
      assertThat(m.find()).as("a line for %s in:%n%s", name, printed).isTrue();
      assertThat(LINE.matcher(m.group()).matches()).as("a number for %s: %s", name, m.group()).isTrue();
    }
    assertThat(printed).contains("Summary");
  }
}
