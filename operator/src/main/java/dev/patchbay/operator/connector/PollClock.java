package dev.patchbay.operator.connector;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time source and timer of the pollers: {@link #system} in production, a manual clock in tests, which then
 * count listings per simulated poll instead of per wall-clock window.
 */
interface PollClock {

  /** Monotonic nanoseconds, as {@link System#nanoTime()}: compared by subtraction only. */
  long nanoTime();

  /** Runs {@code task} once, {@code after} from now, unless cancelled first. */
  Timer schedule(Runnable task, Duration after);

  /** A scheduled task. */
  interface Timer {
    void cancel();
  }

  /** The system clock, with timers on {@code scheduler}. */
  static PollClock system(ScheduledExecutorService scheduler) {
    return new PollClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Timer schedule(Runnable task, Duration after) {
        ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, after.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      }
    };
  }
}
