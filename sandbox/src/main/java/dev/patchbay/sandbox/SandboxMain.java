package dev.patchbay.sandbox;

import dev.patchbay.operator.Naming;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar patchbay-sandbox.jar [--apply PATH ...] [--until-ready] [--kubeconfig-out FILE]}: starts the
 * sandbox, applies the YAML (default: the quick start), shows the resources live, and stops everything on Ctrl-C.
 */
public final class SandboxMain {

  static final String USAGE = """
      usage: java -jar patchbay-sandbox.jar [options]
             java -jar patchbay-sandbox.jar bench [--quick] [--only PHASES] [--connectors N]
                                               (benchmarks, see sandbox/BENCH.md)

        --apply PATH          YAML file or directory to apply (repeatable); default: the quick start
                              (a KafkaConnect my-connect, a FileStreamSource and a FileStreamSink)
        --until-ready         exit 0 as soon as every applied resource is Ready (1 on timeout)
        --timeout SECONDS     how long --until-ready waits (default 180)
        --kubeconfig-out FILE write a kubeconfig for kubectl pointing at the embedded API
        --namespace NS        namespace for resources without one (default: default)
        --work-dir DIR        keep pods, data files and logs in DIR (default: a temp dir, deleted on exit)
        --worker-dist DIR     the worker distribution (default: worker-image/target/patchbay-worker)
        --poll-interval SEC   the operator's poll interval for settled clusters (default 5)
        --maven-repository URL
                              where plugins given by Maven coordinates are downloaded from (default: Maven
                              Central; the operator's PATCHBAY_MAVEN_REPOSITORY)
      """;

  /** Parsed command line. */
  record Args(List<Path> apply, boolean untilReady, Duration timeout, Path kubeconfigOut, String namespace,
      Path workDir, Path workerDist, Duration pollInterval, String mavenRepository) {

    static Args parse(String[] argv) {
      List<Path> apply = new ArrayList<>();
      boolean untilReady = false;
      Duration timeout = Duration.ofSeconds(180);
      Path kubeconfig = null;
      String namespace = "default";
      Path workDir = null;
      Path dist = null;
      Duration poll = SandboxOptions.DEFAULT_POLL_INTERVAL;
      String mavenRepository = null;
      for (int i = 0; i < argv.length; i++) {
        String a = argv[i];
        String value = null;
        if (a.startsWith("--") && a.contains("=")) {
          value = a.substring(a.indexOf('=') + 1);
          a = a.substring(0, a.indexOf('='));
        }
        switch (a) {
          case "--until-ready" -> untilReady = true;
          case "-h", "--help" -> throw new UsageException(null);
          case "--apply", "--timeout", "--kubeconfig-out", "--namespace", "--work-dir", "--worker-dist",
              "--poll-interval", "--maven-repository" -> {
            if (value == null) {
              if (i + 1 >= argv.length) {
                throw new UsageException(a + " needs a value");
              }
              value = argv[++i];
            }
            switch (a) {
              case "--apply" -> apply.add(Path.of(value));
              case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
              case "--kubeconfig-out" -> kubeconfig = Path.of(value);
              case "--namespace" -> namespace = value;
              case "--work-dir" -> workDir = Path.of(value);
              case "--worker-dist" -> dist = Path.of(value);
              case "--maven-repository" -> mavenRepository = httpUrl(a, value);
              default -> poll = Duration.ofSeconds(Long.parseLong(value));
            }
          }
          default -> throw new UsageException("unknown argument: " + argv[i]);
        }
      }
      for (Path p : apply) {
        if (!Files.exists(p)) {
          throw new UsageException("no such file or directory: " + p);
        }
      }
      return new Args(apply, untilReady, timeout, kubeconfig, namespace, workDir, dist, poll, mavenRepository);
    }

    private static String httpUrl(String option, String value) {
      if (!value.matches("https?://[^\\s]+")) {
        throw new UsageException(option + " needs an http:// or https:// URL, got: " + value);
      }
      return value;
    }
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  private SandboxMain() {
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length > 0 && argv[0].equals("bench")) { // the benchmarks; BenchOptions parses the rest
      dev.patchbay.sandbox.bench.BenchMain.main(java.util.Arrays.copyOfRange(argv, 1, argv.length));
      return;
    }
    Args args;
    try {
      args = Args.parse(argv);
    } catch (UsageException | NumberFormatException e) {
      if (e.getMessage() != null) {
        System.err.println("error: " + e.getMessage());
      }
      System.err.print(USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    boolean ownWorkDir = args.workDir() == null;
    Path workDir = ownWorkDir ? Files.createTempDirectory("patchbay-sandbox-") : args.workDir().toAbsolutePath();
    Files.createDirectories(workDir);
    System.setProperty("patchbay.sandbox.log", workDir.resolve("sandbox.log").toString());
    System.setProperty("log4j2.configurationFile", "patchbay-sandbox-log4j2.xml");
    System.setProperty("log4j.shutdownHookEnabled", "false");
    System.exit(run(args, workDir, ownWorkDir, System.out));
  }

  static int run(Args args, Path workDir, boolean ownWorkDir, PrintStream out) throws Exception {
    out.println("Patchbay sandbox: starting Kafka, the Kubernetes API, the operator and the local runtime...");
    long started = System.nanoTime();
    SandboxOptions options = SandboxOptions.defaults().withApply(args.apply()).withNamespace(args.namespace())
        .withWorkDir(workDir).withPollInterval(args.pollInterval()).withWorkerDistribution(args.workerDist())
        .withMavenRepository(args.mavenRepository());
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(options);
    } catch (Exception e) {
      System.err.println("error: the sandbox did not start: " + e.getMessage());
      System.err.println("log: " + workDir.resolve("sandbox.log"));
      return 3;
    }
    Session session = new Session(sandbox, workDir, ownWorkDir, out);
    printParts(out, sandbox, args, workDir);
    List<ResourceApplier.Applied> applied;
    try {
      applied = sandbox.applyDefault();
    } catch (Exception e) {
      System.err.println("error: cannot apply " + (args.apply().isEmpty() ? "the quick start" : args.apply()) + ": "
          + e.getMessage());
      session.stopNow(true);
      return 2;
    }
    printApplied(out, sandbox, applied);
    if (!args.untilReady()) {
      out.println("Ctrl-C stops everything.");
    }
    out.println();
    return watch(session, args, applied, started);
  }

  /** The sandbox while the CLI runs: stopped by the shutdown hook (Ctrl-C, SIGTERM) or by the CLI itself. */
  private static final class Session {
    final Sandbox sandbox;
    final Path workDir;
    final boolean ownWorkDir;
    final PrintStream out;
    final CountDownLatch stopping = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook;

    Session(Sandbox sandbox, Path workDir, boolean ownWorkDir, PrintStream out) {
      this.sandbox = sandbox;
      this.workDir = workDir;
      this.ownWorkDir = ownWorkDir;
      this.out = out;
      this.hook = new Thread(() -> {
        stopping.countDown();
        out.println();
        out.println("Stopping the sandbox (operator, workers, broker, API server)...");
        shutdown(sandbox, workDir, ownWorkDir);
        stopped.countDown();
      }, "sandbox-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Stops from the CLI (not the hook); keeps the work dir for a look at the logs unless told otherwise. */
    void stopNow(boolean deleteWorkDir) {
      Runtime.getRuntime().removeShutdownHook(hook);
      shutdown(sandbox, workDir, ownWorkDir && deleteWorkDir);
    }
  }

  private static void printParts(PrintStream out, Sandbox sandbox, Args args, Path workDir) throws IOException {
    out.printf("  Kafka           %s%n", sandbox.kafka().bootstrapServers());
    out.printf("  Kubernetes API  %s%n", sandbox.api().url());
    out.printf("  Work dir        %s (sandbox.log, pods/<namespace>/<pod>/worker.log)%n", workDir);
    if (args.kubeconfigOut() != null) {
      sandbox.writeKubeconfig(args.kubeconfigOut());
      Path kubeconfig = args.kubeconfigOut().toAbsolutePath();
      out.printf("  kubeconfig      %s   (export KUBECONFIG=%s; kubectl get kafkaconnectors)%n", kubeconfig,
          kubeconfig);
    }
  }

  private static void printApplied(PrintStream out, Sandbox sandbox, List<ResourceApplier.Applied> applied) {
    out.println("Applied:");
    applied.forEach(a -> out.println("  " + a.display()));
    for (ResourceApplier.Applied a : applied) {
      if (a.kind().equals("KafkaConnect")) {
        int port = sandbox.services().localPort(a.namespace(), Naming.serviceName(a.name()), Naming.REST_PORT);
        out.printf("Connect REST API of %s: http://127.0.0.1:%d (the Service %s)%n", a.name(), port,
            Naming.serviceName(a.name()));
      }
    }
    for (ResourceApplier.DataFile f : sandbox.applier().dataFiles()) {
      boolean source = f.role().equals("source");
      out.printf("%s file of %s: %s%s%n", source ? "Source" : "Sink", f.connector(), f.path(),
          source ? "   (append lines: echo hi >> " + f.path() + ")" : "");
    }
  }

  /** Redraws the table every 500 ms until Ctrl-C, or with --until-ready until all is Ready or the timeout. */
  private static int watch(Session session, Args args, List<ResourceApplier.Applied> applied, long started)
      throws InterruptedException {
    PrintStream out = session.out;
    StatusTable table = new StatusTable(out, System.console() != null && System.getenv("TERM") != null
        && !"dumb".equals(System.getenv("TERM")));
    long deadline = System.nanoTime() + args.timeout().toNanos();
    while (session.stopping.getCount() > 0) {
      table.draw(StatusTable.rows(session.sandbox.client()));
      if (args.untilReady()) {
        List<String> notReady = notReady(session.sandbox, applied);
        if (notReady.isEmpty()) {
          out.printf("%nAll %d resources are Ready (%.1f s after start).%n", applied.size(),
              (System.nanoTime() - started) / 1e9);
          session.stopNow(true);
          return 0;
        }
        if (System.nanoTime() > deadline) {
          System.err.printf("%nerror: not Ready after %d s: %s%n", args.timeout().toSeconds(),
              String.join(", ", notReady));
          System.err.println("logs: " + session.workDir.resolve("sandbox.log") + " and "
              + session.workDir.resolve("pods"));
          session.stopNow(false);
          return 1;
        }
      }
      session.stopping.await(500, TimeUnit.MILLISECONDS);
    }
    session.stopped.await();
    return 0;
  }

  /** Applied resources that are not Ready yet (custom resources by their Ready condition; others once stored). */
  static List<String> notReady(Sandbox sandbox, List<ResourceApplier.Applied> applied) {
    List<String> out = new ArrayList<>();
    for (ResourceApplier.Applied a : applied) {
      GenericKubernetesResource r;
      try {
        r = sandbox.client().genericKubernetesResources(a.apiVersion(), a.kind()).inNamespace(a.namespace())
            .withName(a.name()).get();
      } catch (RuntimeException e) {
        r = null;
      }
      boolean custom = a.apiVersion().startsWith(Naming.DOMAIN + "/");
      if (r == null || custom && !StatusTable.isReady(r)) {
        out.add(a.display() + (r == null ? " (missing)" : " (" + StatusTable.readyStatus(r) + ")"));
      }
    }
    return out;
  }

  private static void shutdown(Sandbox sandbox, Path workDir, boolean deleteWorkDir) {
    sandbox.close();
    if (deleteWorkDir) {
      try (var files = Files.walk(workDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort
      }
    }
    try {
      org.apache.logging.log4j.LogManager.shutdown();
    } catch (Throwable ignored) {
      // logging may not be Log4j
    }
  }
}
