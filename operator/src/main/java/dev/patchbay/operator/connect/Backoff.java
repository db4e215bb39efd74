package dev.patchbay.operator.connect;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential backoff: {@code initial * 2^attempt}, capped, then scaled by a random factor in [0.5, 1]. */
public record Backoff(Duration initial, Duration max) {

  /** For transient REST failures (409 rebalance, 5xx, unreachable): 200 ms doubling to 30 s. */
  public static final Backoff TRANSIENT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

  /** The undithered delay before retry number {@code attempt} (0-based). */
  public Duration nominal(int attempt) {
    long millis = initial.toMillis();
    for (int i = 0; i < attempt && millis < max.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** The delay before retry number {@code attempt}, with jitter so that many clients do not retry in step. */
  public Duration delay(int attempt) {
    long nominal = nominal(attempt).toMillis();
    double factor = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
    return Duration.ofMillis(Math.max(1, Math.round(nominal * factor)));
  }
}
