package dev.patchbay.sandbox.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's answer to a main container that exits (restartPolicy Always): it is started again in the same pod,
 * with the same address and ports, so a worker keeps its id ({@code <pod IP>:8083}); {@code restartCount} goes up and
 * {@code lastState.terminated} says how it ended. The first restart comes at once, later ones after a crash-loop
 * backoff (1 s doubling to 30 s here, where the kubelet waits 10 s doubling to 5 min) that resets once the container
 * has been ready. Init containers do not run again. Called on the runtime's loop thread; the launch itself runs on
 * {@code workers} and ends with {@code schedule} of the Deployment's key.
 */
final class ContainerRestarts {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerRestarts.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final PodProcess.Launcher launcher;
  private final Executor workers;
  private final Consumer<String> schedule;
  private final BooleanSupplier closed;

  ContainerRestarts(PodProcess.Launcher launcher, Executor workers, Consumer<String> schedule,
      BooleanSupplier closed) {
    this.launcher = launcher;
    this.workers = workers;
    this.schedule = schedule;
    this.closed = closed;
  }

  /**
   * One look at a RUNNING pod's main container: notices that it exited, starts it again when due, takes in a restart
   * that finished launching. True when the container's state changed.
   */
  boolean step(String key, LocalPod pod, long now) {
    if (pod.phase != LocalPod.Phase.RUNNING) {
      return false;
    }
    if (pod.process != null) {
      if (pod.process.isAlive()) {
        return false;
      }
      exited(key, pod, now);
      return true;
    }
    if (pod.relaunching) {
      if (!pod.relaunchDone) {
        return false;
      }
      started(key, pod, now);
      return true;
    }
    if (now - pod.restartDueNanos >= 0) {
      relaunch(key, pod);
      return true;
    }
    return false;
  }

  /** The crash-loop backoff before the restart after {@code exits} exits without being ready: none for the first. */
  static Duration backoff(int exits) {
    if (exits <= 1) {
      return Duration.ZERO;
    }
    Duration delay = Duration.ofSeconds(1L << Math.min(5, exits - 2));
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  private void exited(String key, LocalPod pod, long now) {
    int code = pod.process.exitCode();
    pod.lastTermination = new LocalPod.Termination(code, pod.containerStartedAt, Instant.now());
    pod.containerEnded();
    pod.crashLoop++;
    Duration wait = backoff(pod.crashLoop);
    pod.restartDueNanos = now + wait.toNanos();
    LOG.warn("deployment {}: container of pod {} exited with {}; restarting it in place{}; log: {}", key, pod.name,
        code, wait.isZero() ? "" : " in " + wait.toSeconds() + " s (CrashLoopBackOff)", pod.spec.logFile());
  }

  private void relaunch(String key, LocalPod pod) {
    pod.relaunching = true;
    pod.relaunchDone = false;
    pod.restarts++;
    LocalPodSpec spec = pod.spec.withoutInitContainers();
    workers.execute(() -> {
      try {
        pod.relaunched = launcher.launch(spec);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pod.relaunchFailure = e;
      } catch (Exception e) {
        pod.relaunchFailure = e;
      }
      pod.relaunchDone = true;
      if (closed.getAsBoolean() && pod.relaunched != null) {
        pod.relaunched.kill();
      }
      schedule.accept(key);
    });
  }

  private void started(String key, LocalPod pod, long now) {
    pod.relaunching = false;
    if (pod.relaunchFailure == null) {
      pod.process = pod.relaunched;
      pod.containerStartedAt = Instant.now();
      LOG.info("deployment {}: container of pod {} restarted (restart {})", key, pod.name, pod.restarts);
    } else {
      pod.crashLoop++;
      Duration wait = backoff(pod.crashLoop);
      pod.restartDueNanos = now + wait.toNanos();
      LOG.warn("deployment {}: container of pod {} could not be restarted, next try in {} s: {}", key, pod.name,
          wait.toSeconds(), pod.relaunchFailure.toString());
    }
    pod.relaunched = null;
    pod.relaunchFailure = null;
  }
}
