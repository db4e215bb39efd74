package dev.patchbay.sandbox.bench;

import java.time.Duration;
import java.util.Map;

/**
 * Figures 3 and 4: with N connectors Ready and nothing changing, what the operator costs per minute. REST calls are
 * counted by the {@link CountingProxy} (everything the operator sends to the worker, both reconcilers);
 * {@code rest_calls_per_poll} is calls per poll interval of the window (the design's goal: one listing per cluster
 * per poll); Kubernetes writes are counted on the operator's own client; CPU on the operator's threads
 * ({@link ThreadCpu}). The window opens when the operator says it is settled (no follow-up of its own due, at most
 * {@link BenchOptions#steadySettle()} after the cold start) and lasts at least {@link BenchOptions#steadyWindow()}
 * (two poll intervals in both runs, so both see every periodic call) and one listing.
 */
final class SteadyStateBench {

  private SteadyStateBench() {
  }

  static void run(BenchEnvironment env, BenchOptions options, Figures figures) {
    Duration settled = env.awaitSettled(options.steadySettle());
    ThreadCpu cpu = new ThreadCpu();
    Map<String, Long> restBefore = env.proxy.snapshot();
    Map<String, Long> pollsBefore = env.connectorReconcilerCalls();
    Map<String, Long> writesBefore = env.writes.snapshot();
    Map<Long, Long> cpuBefore = cpu.snapshot();
    long start = System.nanoTime();
    long minEnd = start + options.steadyWindow().toNanos();
    long maxEnd = minEnd + options.pollInterval().plusSeconds(5).toNanos();
    while (System.nanoTime() < minEnd
        || (polls(pollsBefore, env.connectorReconcilerCalls()) == 0 && System.nanoTime() < maxEnd)) {
      BenchEnvironment.sleep(100);
    }
    double minutes = (System.nanoTime() - start) / 60e9;
    double cpuMillis = ThreadCpu.millisBetween(cpuBefore, cpu.snapshot());
    Map<String, Long> rest = CountingProxy.delta(restBefore, env.proxy.snapshot());
    Map<String, Long> writes = CountingProxy.delta(writesBefore, env.writes.snapshot());
    long polls = polls(pollsBefore, env.connectorReconcilerCalls());
    long calls = CountingProxy.total(rest);

    double intervals = minutes * 60 / options.pollInterval().toSeconds();
    figures.add("rest_calls_per_poll", calls / intervals, "calls", new Figures.Goal(1, "<= 1"));
    figures.add("rest_calls_per_min", calls / minutes, "calls/min");
    figures.add("k8s_writes_per_min", CountingProxy.total(writes) / minutes, "writes/min", new Figures.Goal(0, "0"));
    figures.add("operator_cpu_ms_per_min", cpuMillis / minutes, "ms/min");
    figures.note(String.format(java.util.Locale.ROOT,
        "steady state: %d connectors (+ the earlier phases'), the operator settled %.0f s after the cold start; "
            + "window of %.0f s, poll interval %d s, %d listings; REST calls %s; Kubernetes writes %s; "
            + "operator_cpu_ms_per_min at N=%d: CPU of the operator's threads (reconcilers, pollers, its API "
            + "client), not JIT or GC", options.connectors(), settled.toMillis() / 1000.0, minutes * 60,
        options.pollInterval().toSeconds(), polls, rest, writes, options.connectors()));
  }

  private static long polls(Map<String, Long> before, Map<String, Long> after) {
    return after.getOrDefault("GET " + BenchEnvironment.LISTING, 0L)
        - before.getOrDefault("GET " + BenchEnvironment.LISTING, 0L);
  }
}
