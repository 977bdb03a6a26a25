package io.sluice.stack;

/** The local stack could not do what was asked; the message names the server and what to do. */
public class StackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
