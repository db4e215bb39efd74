package dev.patchbay.operator.connect;

/** Connect answered with an HTTP error; {@link #getMessage()} is Connect's own message. */
public class ConnectRestException extends ConnectException {

  private final int status;

  public ConnectRestException(int status, String message) {
    super(message, null);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 409: the workers are rebalancing (or the request conflicts); worth retrying after a backoff. */
  public boolean isRebalance() {
    return status == 409;
  }

  public boolean isBadRequest() {
    return status == 400;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  /** 409 and 5xx are transient: retried with backoff. */
  public boolean isRetriable() {
    return status == 409 || status >= 500;
  }
}
