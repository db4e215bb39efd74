package dev.patchbay.operator.cluster;

import dev.patchbay.operator.Naming;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a managed cluster's workers do not come up, read from their pods: the plugin fetch (the init container) or the
 * worker container terminated with a non-zero exit code, or waits to be restarted after that (CrashLoopBackOff).
 * The message is the container's termination message: the fetcher's one line ({@code plugin x: HTTP 404 for <url>}),
 * or for the worker (whose policy is FallbackToLogsOnError) the last error line of its log. Pure: pods in, reason
 * and message out.
 *
 * @param reason {@link ReadyCondition#REASON_PLUGIN_FETCH_FAILED} or {@link ReadyCondition#REASON_WORKER_FAILED}
 * @param message what went wrong, one line of at most {@link #MAX_MESSAGE} characters
 */
public record WorkerFailure(String reason, String message) {

  static final int MAX_MESSAGE = 1024;
  /** Stack frames and their ellipses: never the line that says what went wrong. */
  private static final Pattern STACK_FRAME = Pattern.compile("^(at |\\.\\.\\. \\d+ (more|common frames omitted)).*");
  /** A line that reports an error: a log line at ERROR, or an exception with its message. */
  private static final Pattern ERROR_LINE = Pattern.compile(".*(\\b(ERROR|FATAL)\\b|(Exception|Error)(:|$)).*");

  /**
   * The failure of the cluster's pods, if any. Only pods of the current pod template count ({@code configHash}, the
   * template's {@code patchbay.dev/config-hash}, or any pod when null): a failed pod that an applied fix is
   * replacing does not speak for the new one. Pods are looked at in the given order (newest first).
   */
  public static Optional<WorkerFailure> of(List<Pod> pods, String configHash) {
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null || !current(pod, configHash)) {
        continue;
      }
      Optional<WorkerFailure> failure = failed(pod.getStatus().getInitContainerStatuses())
          .map(t -> new WorkerFailure(ReadyCondition.REASON_PLUGIN_FETCH_FAILED,
              message(t, Naming.FETCH_PLUGINS_CONTAINER)))
          .or(() -> failed(pod.getStatus().getContainerStatuses().stream()
              .filter(c -> Naming.WORKER_CONTAINER.equals(c.getName())).toList())
              .map(t -> new WorkerFailure(ReadyCondition.REASON_WORKER_FAILED, message(t, Naming.WORKER_CONTAINER))));
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }

  private static boolean current(Pod pod, String configHash) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return configHash == null
        || annotations != null && configHash.equals(annotations.get(Naming.ANNOTATION_CONFIG_HASH));
  }

  /**
   * The termination that failed a container: its current state when it terminated non-zero, else the last one when
   * it has not recovered since (waiting in CrashLoopBackOff, or running again but not ready).
   */
  private static Optional<ContainerStateTerminated> failed(List<ContainerStatus> statuses) {
    for (ContainerStatus status : statuses) {
      ContainerStateTerminated now = status.getState() == null ? null : status.getState().getTerminated();
      if (now != null) {
        if (nonZero(now)) {
          return Optional.of(now);
        }
        continue;
      }
      ContainerStateTerminated last = status.getLastState() == null ? null : status.getLastState().getTerminated();
      if (last != null && nonZero(last) && !Boolean.TRUE.equals(status.getReady())) {
        return Optional.of(last);
      }
    }
    return Optional.empty();
  }

  private static boolean nonZero(ContainerStateTerminated terminated) {
    return terminated.getExitCode() != null && terminated.getExitCode() != 0;
  }

  private static String message(ContainerStateTerminated terminated, String container) {
    String text = terminated.getMessage();
    if (text == null || text.isBlank()) {
      String reason = terminated.getReason();
      return container + " exited with code " + terminated.getExitCode()
          + (reason == null || Objects.equals(reason, "Error") ? "" : " (" + reason + ")");
    }
    return shortened(errorLine(text));
  }

  /**
   * The line of a termination message that says what went wrong: from the end, skipping stack frames, the last
   * line that reports an error (the innermost {@code Caused by:}, or the exception a worker stopped with), else the
   * last line.
   */
  static String errorLine(String text) {
    List<String> lines = text.lines().map(String::strip)
        .filter(line -> !line.isEmpty() && !STACK_FRAME.matcher(line).matches()).toList();
    if (lines.isEmpty()) {
      return text.strip();
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (ERROR_LINE.matcher(lines.get(i)).matches()) {
        return lines.get(i);
      }
    }
    return lines.get(lines.size() - 1);
  }

  private static String shortened(String line) {
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
