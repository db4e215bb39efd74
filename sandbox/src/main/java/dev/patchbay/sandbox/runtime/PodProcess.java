package dev.patchbay.sandbox.runtime;

import java.time.Duration;

/** A running pod: here, one local process (or an in-process fake in tests). */
public interface PodProcess {

  boolean isAlive();

  /** Graceful stop (SIGTERM, then SIGKILL after {@code grace}); blocks until the process is gone. */
  void stop(Duration grace);

  /** Immediate stop (SIGKILL); blocks until the process is gone. */
  void kill();

  /** OS process id, or -1. */
  long pid();

  /** The exit code once the process has ended (128 + signal when a signal ended it, as the kubelet reports). */
  int exitCode();

  /** Starts pods: a real worker from the worker distribution, or a fake in tests. */
  @FunctionalInterface
  interface Launcher {
    PodProcess launch(LocalPodSpec spec) throws Exception;
  }
}
