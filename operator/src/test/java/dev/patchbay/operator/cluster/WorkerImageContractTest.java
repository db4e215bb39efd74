package dev.patchbay.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.operator.Naming;
import dev.patchbay.testkit.RepoFiles;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The Deployment the operator builds must run what the worker image actually holds. */
class WorkerImageContractTest {

  @Test
  void deploymentCommandIsTheWorkerImageEntrypoint() throws Exception {
    String dockerfile = Files.readString(RepoFiles.resolve("worker-image/Dockerfile"));
    assertThat(dockerfile).contains("ENTRYPOINT [\"" + Naming.WORKER_ENTRYPOINT + "\"]");
  }

  @Test
  void entrypointLivesInTheAssembledDistribution() {
    String relative = Naming.WORKER_ENTRYPOINT.substring("/opt/patchbay/worker/".length());
    assertThat(RepoFiles.resolve("worker-image/src/dist").resolve(relative)).isRegularFile();
  }
}
