package io.sluice.config.cli;

/**
 * The command could not do its work for a reason the user can act on. The {@link Cli} prints
 * the message without a stack trace and exits with the given code.
 */
public class CommandFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CommandFailedException(String message) {
    this(message, 1, null);
  }

  public CommandFailedException(String message, Throwable cause) {
    this(message, 1, cause);
  }

  public CommandFailedException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
