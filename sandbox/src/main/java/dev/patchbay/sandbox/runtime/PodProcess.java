package dev.patchbay.sandbox.runtime;

import java.time.Duration;

/** A running pod: here, one local process (or an in-process fake in tests). */
public interface PodProcess {

  boolean isAlive();

  /** The exit code once the process has ended. */
  int exitCode();

  /** Graceful stop (SIGTERM, then SIGKILL after {@code grace}); blocks until the process is gone. */
  void stop(Duration grace);

  /** Immediate stop (SIGKILL); blocks until the process is gone. */
  void kill();

  /** OS process id, or -1. */
  long pid();

  /** Starts pods: a real worker from the worker distribution, or a fake in tests. */
  @FunctionalInterface
  interface Launcher {
    /**
     * Runs the spec's init containers to completion, in order, then starts the main container.
     *
     * @throws InitContainerFailedException when an init container exits non-zero: the main container is not started
     */
    PodProcess launch(LocalPodSpec spec) throws Exception;
  }

  /** An init container exited non-zero; the kubelet would restart it, with backoff, in the same pod. */
  final class InitContainerFailedException extends Exception {
    private final String container;
    private final int exitCode;
    private final String terminationMessage;

    public InitContainerFailedException(String container, int exitCode, String terminationMessage) {
      super("init container " + container + " exited with " + exitCode
          + (terminationMessage.isEmpty() ? "" : ": " + terminationMessage));
      this.container = container;
      this.exitCode = exitCode;
      this.terminationMessage = terminationMessage;
    }

    public String container() {
      return container;
    }

    public int exitCode() {
      return exitCode;
    }

    /** What the container left in its termination message file (or its log, per its policy); may be empty. */
    public String terminationMessage() {
      return terminationMessage;
    }
  }
}
