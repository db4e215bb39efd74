package dev.patchbay.sandbox.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code kubectl} binary against a kubeconfig; tests skip when it is not installed. */
public final class Kubectl {

  /** The result of one invocation. */
  public record Result(int exitCode, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  private final Path kubeconfig;

  public Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** The kubectl binary on the PATH (or /usr/bin/kubectl), or null. */
  public static Path binary() {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.add("/usr/bin");
    dirs.add("/usr/local/bin");
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Path.of(dir, "kubectl");
      }
    }
    return null;
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  public Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary().toString());
    cmd.add("--kubeconfig=" + kubeconfig);
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("kubectl", ".out");
    Path err = Files.createTempFile("kubectl", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("kubectl timed out: " + cmd);
    }
    Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }
}
