package dev.patchbay.operator;

import java.util.concurrent.ThreadFactory;

/** The operator's own threads: named (in thread dumps and logs), and daemon, so none of them keeps the JVM up. */
public final class DaemonThreads {

  private DaemonThreads() {
  }

  /** A factory of daemon threads called {@code name}. */
  public static ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
