package dev.patchbay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerDistributionTest {
  @Test
  void aDirectoryWithTheEntrypointIsADistribution(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("bin/patchbay-worker"), "#!/bin/sh\n");

    WorkerDistribution dist = WorkerDistribution.at(dir);

    assertThat(dist.entrypoint()).isEqualTo(dir.toAbsolutePath().resolve("bin/patchbay-worker"));
    assertThat(dist.lib()).isEqualTo(dir.toAbsolutePath().resolve("lib"));
  }

  @Test
  void aMissingDistributionSaysHowToBuildIt(@TempDir Path dir) {
    assertThatThrownBy(() -> WorkerDistribution.at(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -B -pl worker-image -am package");
  }
}
