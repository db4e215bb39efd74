package dev.patchbay.sandbox.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the operator's own threads in this JVM, which also runs the broker, the API server and the bench: its
 * reconcile threads (JOSDK's {@code ReconcilerExecutor-*}), its pollers and timers ({@code patchbay-*}), and the
 * HTTP threads of the operator's Kubernetes client ({@link #OPERATOR_CLIENT_THREADS}). Not counted: JIT and GC,
 * shared by everything in the JVM.
 */
final class ThreadCpu {

  /** Thread name prefix of the operator's Kubernetes client, set where the bench builds that client. */
  static final String OPERATOR_CLIENT_THREADS = "bench-operator-http";
  private static final List<String> OPERATOR_THREADS = List.of("ReconcilerExecutor-", "patchbay-",
      OPERATOR_CLIENT_THREADS);

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds used so far by each live operator thread, by thread id. */
  Map<Long, Long> snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    if (!threads.isThreadCpuTimeSupported()) {
      return cpu;
    }
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && OPERATOR_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos);
        }
      }
    }
    return cpu;
  }

  /** CPU milliseconds used between two snapshots (a thread that ended in between counts up to its last snapshot). */
  static double millisBetween(Map<Long, Long> before, Map<Long, Long> after) {
    long nanos = 0;
    for (var e : after.entrySet()) {
      nanos += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return nanos / 1e6;
  }
}
