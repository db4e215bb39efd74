package dev.patchbay.operator.connector;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link PollClock} that moves only when told: {@link #advance} runs every timer that falls due, in time order, on
 * the calling thread. Tests count listings per simulated poll with it instead of per wall-clock window.
 */
final class ManualPollClock implements PollClock {

  private record Task(long at, long seq, Runnable run) {
  }

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
      ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now = 1_000_000_000L;
  private long seq;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Timer schedule(Runnable task, Duration after) {
    Task t = new Task(now + Math.max(0, after.toNanos()), seq++, task);
    tasks.add(t);
    return () -> {
      synchronized (ManualPollClock.this) {
        tasks.remove(t);
      }
    };
  }

  /** Moves time forward by {@code by}, running each timer due on the way at its own time. */
  void advance(Duration by) {
    long end;
    synchronized (this) {
      end = now + by.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.at > end) {
          now = end;
          return;
        }
        tasks.poll();
        now = Math.max(now, next.at);
      }
      next.run.run();
    }
  }

  /** Runs whatever is due now (a timer of zero delay set by the last step). */
  void runDue() {
    advance(Duration.ZERO);
  }
}
