package dev.patchbay.sandbox.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's answer to a container that fails (restartPolicy Always): it is started again in the same pod, with
 * the same address and ports, so a worker keeps its id ({@code <pod IP>:8083}). A main container that exits starts
 * again alone ({@code restartCount} up, {@code lastState.terminated} saying how it ended); an init container that
 * exits non-zero (a plugin fetch that failed) runs again, and once the init containers complete the main container
 * starts. The first restart comes at once, later ones after the crash-loop backoff of {@link LocalPod#backoff}, which
 * resets once the main container has been ready. Called on the runtime's loop thread; the launch itself runs on
 * {@code workers} and ends with {@code schedule} of the Deployment's key.
 */
final class ContainerRestarts {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerRestarts.class);

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
   * One look at the containers of a pod that was launched (RUNNING or INITIALIZING): notices that the main container
   * exited, starts a failed container again when due, takes in a restart that finished launching. True when a
   * container's state changed.
   */
  boolean step(String key, LocalPod pod, long now) {
    if (pod.phase != LocalPod.Phase.RUNNING && pod.phase != LocalPod.Phase.INITIALIZING) {
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
      relaunched(key, pod, now);
      return true;
    }
    if (now - pod.restartDueNanos >= 0) {
      relaunch(key, pod);
      return true;
    }
    return false;
  }

  /** The first launch of the pod ran an init container that failed: it stays, and the init containers run again. */
  void initFailed(String key, LocalPod pod, PodProcess.InitContainerFailedException failure, long now) {
    pod.initFailed(failure, now);
    LOG.warn("deployment {}: pod {}: {}; running it again{}; log: {}", key, pod.name, failure.getMessage(),
        inBackoff(pod), initLog(pod, failure.container()));
  }

  private void exited(String key, LocalPod pod, long now) {
    int code = pod.process.exitCode();
    pod.mainExited(code, pod.spec.termination().read(code, pod.spec.logFile()), now);
    LOG.warn("deployment {}: container of pod {} exited with {}; restarting it in place{}; log: {}", key, pod.name,
        code, inBackoff(pod), pod.spec.logFile());
  }

  private void relaunch(String key, LocalPod pod) {
    LocalPodSpec spec = pod.restarting();
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

  private void relaunched(String key, LocalPod pod, long now) {
    pod.relaunching = false;
    Throwable failure = pod.relaunchFailure;
    PodProcess process = pod.relaunched;
    pod.relaunched = null;
    pod.relaunchFailure = null;
    if (failure == null) {
      boolean initialized = pod.phase == LocalPod.Phase.INITIALIZING;
      pod.process = process;
      pod.started();
      LOG.info("deployment {}: {} of pod {} restarted (restart {})", key,
          initialized ? "init containers" : "container", pod.name,
          (initialized ? pod.init : pod.main).restartCount);
    } else if (failure instanceof PodProcess.InitContainerFailedException init) {
      initFailed(key, pod, init, now);
    } else {
      pod.restartFailed(now);
      LOG.warn("deployment {}: container of pod {} could not be restarted, next try{}: {}", key, pod.name,
          inBackoff(pod), failure.toString());
    }
  }

  private static String inBackoff(LocalPod pod) {
    Duration wait = LocalPod.backoff(pod.current().crashLoop);
    return wait.isZero() ? " at once" : " in " + wait.toSeconds() + " s (CrashLoopBackOff)";
  }

  private static Path initLog(LocalPod pod, String container) {
    return pod.spec.initContainers().stream().filter(c -> c.name().equals(container)).findFirst()
        .map(LocalPodSpec.InitContainer::logFile).orElse(pod.spec.podDir());
  }
}
