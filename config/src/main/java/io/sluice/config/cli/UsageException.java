package io.sluice.config.cli;

/** The command line itself is wrong: an unknown option or command, a missing argument. Exit code 2. */
public class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
