package dev.patchbay.worker;

/** The mounted configuration cannot produce a runnable worker; the message says what to fix. */
public class WorkerConfigException extends RuntimeException {
  public WorkerConfigException(String message) {
    super(message);
  }

  public WorkerConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
