package dev.patchbay.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The assembled worker distribution ({@code worker-image/target/patchbay-worker}): {@code bin/},
 * {@code config/}, {@code lib/} — exactly what the worker image contains.
 */
public final class WorkerDistribution {
  /** System property naming the distribution directory explicitly. */
  public static final String PROPERTY = "patchbay.worker.dist";
  static final Path RELATIVE = Path.of("worker-image", "target", "patchbay-worker");

  private final Path home;

  private WorkerDistribution(Path home) {
    this.home = home;
  }

  /**
   * The directory named by {@value #PROPERTY}, else {@code worker-image/target/patchbay-worker}
   * found by walking up from the current directory.
   *
   * @throws IllegalStateException telling to build it with {@code mvn package} when missing
   */
  public static WorkerDistribution locate() {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return at(Path.of(property));
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isRegularFile(candidate.resolve("bin/patchbay-worker"))) {
        return new WorkerDistribution(candidate);
      }
    }
    throw new IllegalStateException("no worker distribution found: looked for " + RELATIVE + " in " + start
        + " and its parents. Build it with `mvn -B -pl worker-image -am package -DskipTests`"
        + " or point -D" + PROPERTY + "=<dir> at one.");
  }

  /** The distribution in {@code home}, which must hold {@code bin/patchbay-worker}. */
  public static WorkerDistribution at(Path home) {
    Path abs = home.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs.resolve("bin/patchbay-worker"))) {
      throw new IllegalStateException("no worker distribution in " + abs + " (no bin/patchbay-worker). Build it with "
          + "`mvn -B -pl worker-image -am package -DskipTests`.");
    }
    return new WorkerDistribution(abs);
  }

  public Path home() {
    return home;
  }

  /** {@code bin/patchbay-worker}, the image entrypoint. */
  public Path entrypoint() {
    return home.resolve("bin/patchbay-worker");
  }

  public Path bin(String script) {
    return home.resolve("bin").resolve(script);
  }

  public Path lib() {
    return home.resolve("lib");
  }

  public Path config() {
    return home.resolve("config");
  }

  @Override
  public String toString() {
    return home.toString();
  }
}
