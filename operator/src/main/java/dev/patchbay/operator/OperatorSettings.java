package dev.patchbay.operator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Settings of one operator instance. Production reads them from the environment; the sandbox and tests build them
 * directly.
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param workerImage default worker image for managed clusters
 * @param pollInterval how often a settled Connect cluster is polled
 * @param leaderElection whether to take a Lease before reconciling
 * @param mavenRepository the Maven repository of plugin artifacts given by coordinates without a repository of their
 *     own (Maven Central, or a mirror for an air-gapped cluster)
 * @param restUrlRewriter maps the in-cluster REST URL of a managed cluster's Service (e.g.
 *     {@code http://x-connect-api.ns.svc:8083}) to one this process can reach; identity inside a cluster, a loopback
 *     address in the sandbox
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    String workerImage,
    Duration pollInterval,
    boolean leaderElection,
    String mavenRepository,
    UnaryOperator<String> restUrlRewriter) {

  public static final String DEFAULT_WORKER_IMAGE = "ghcr.io/patchbay-dev/patchbay-worker:" + Versions.PATCHBAY;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
  public static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

  /**
   * Defaults that work: all namespaces, the matching worker image, 30 s polling, no leader election, plugins by Maven
   * coordinates from Maven Central.
   */
  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), DEFAULT_WORKER_IMAGE, DEFAULT_POLL_INTERVAL, false, MAVEN_CENTRAL,
        UnaryOperator.identity());
  }

  /**
   * Reads the settings from environment variables: {@code WATCH_NAMESPACES} (comma-separated, empty = all),
   * {@code PATCHBAY_WORKER_IMAGE}, {@code PATCHBAY_POLL_INTERVAL} ({@code PT30S}, {@code 30s}, {@code 500ms}),
   * {@code PATCHBAY_LEADER_ELECTION} ({@code true}/{@code false}) and {@code PATCHBAY_MAVEN_REPOSITORY} (an http(s)
   * URL); unset variables take the {@link #defaults()}.
   * Pure: pass {@code System.getenv()} in production, a map in tests.
   *
   * @throws IllegalArgumentException naming the variable when a value is not valid
   */
  public static OperatorSettings fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    OperatorSettings defaults = defaults();
    return new OperatorSettings(
        env.list("WATCH_NAMESPACES"),
        env.string("PATCHBAY_WORKER_IMAGE", defaults.workerImage()),
        env.duration("PATCHBAY_POLL_INTERVAL", defaults.pollInterval()),
        env.bool("PATCHBAY_LEADER_ELECTION", defaults.leaderElection()),
        env.httpUrl("PATCHBAY_MAVEN_REPOSITORY", defaults.mavenRepository()),
        defaults.restUrlRewriter());
  }

  public OperatorSettings withRestUrlRewriter(UnaryOperator<String> rewriter) {
    return new OperatorSettings(watchNamespaces, workerImage, pollInterval, leaderElection, mavenRepository,
        rewriter);
  }

  public OperatorSettings withPollInterval(Duration interval) {
    return new OperatorSettings(watchNamespaces, workerImage, interval, leaderElection, mavenRepository,
        restUrlRewriter);
  }

  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return new OperatorSettings(namespaces, workerImage, pollInterval, leaderElection, mavenRepository,
        restUrlRewriter);
  }

  public OperatorSettings withLeaderElection(boolean enabled) {
    return new OperatorSettings(watchNamespaces, workerImage, pollInterval, enabled, mavenRepository,
        restUrlRewriter);
  }

  public OperatorSettings withMavenRepository(String repository) {
    return new OperatorSettings(watchNamespaces, workerImage, pollInterval, leaderElection, repository,
        restUrlRewriter);
  }
}
