package io.sluice.ingest.sink;

/** Events could not be written. */
public class SinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
