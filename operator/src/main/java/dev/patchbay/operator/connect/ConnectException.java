package dev.patchbay.operator.connect;

/** Base of every failure talking to a Connect cluster. */
public class ConnectException extends RuntimeException {

  public ConnectException(String message, Throwable cause) {
    super(message, cause);
  }
}
