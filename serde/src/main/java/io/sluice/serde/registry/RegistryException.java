package io.sluice.serde.registry;

/** The schema registry answered with an error. Carries the HTTP status and the Confluent error code. */
public class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final int errorCode;

  public RegistryException(String message, int httpStatus, int errorCode) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = -1;
    this.errorCode = -1;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's error code, e.g. 40403 for an unknown schema id; -1 when there was no answer. */
  public int errorCode() {
    return errorCode;
  }
}
