package dev.patchbay.operator;

/** Entry point of the operator process. */
public final class PatchbayOperator {

  private PatchbayOperator() {
  }

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}
