package dev.patchbay.operator.connect;

/** The cluster could not be reached: connection refused, a timeout, or no free request slot. */
public class ConnectUnavailableException extends ConnectException {

  public ConnectUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
