package dev.patchbay.operator.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the kubectl binary when there is one on the PATH. */
final class Kubectl {

  /** The binary: {@code kubectl} on the PATH unless {@code -Dpatchbay.kubectl=<path>} says otherwise. */
  static final String BINARY = System.getProperty("patchbay.kubectl", "kubectl");

  /** Null when kubectl can be run, else why not. */
  static final String UNAVAILABLE = probe();

  private Kubectl() {
  }

  private static String probe() {
    try {
      Result result = run(List.of(BINARY, "version", "--client"));
      return result.exitCode() == 0 ? null : "kubectl version --client failed: " + result.output().strip();
    } catch (IOException e) {
      return "kubectl is not installed (" + e.getMessage() + ")";
    }
  }

  record Result(int exitCode, String output) {
  }

  static Result run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The output of {@code kubectl kustomize <dir>}; fails on a non-zero exit. */
  static String kustomize(Path dir) throws IOException {
    Result result = run(List.of(BINARY, "kustomize", dir.toString()));
    if (result.exitCode() != 0) {
      throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + result.output());
    }
    return result.output();
  }
}
