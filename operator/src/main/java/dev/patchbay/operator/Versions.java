package dev.patchbay.operator;

/** Versions baked in at build time. */
public final class Versions {
  /** Patchbay's own version, which also tags the matching worker image. */
  public static final String PATCHBAY = "0.1.0";
  /** The Kafka (Connect) version of the worker image. */
  public static final String KAFKA = "4.3.1";

  private Versions() {
  }
}
