package io.sluice.serde.registry;

/** The registry could not be reached, or kept failing, after every retry. The message names the URL. */
public class RegistryUnavailableException extends RegistryException {

  private static final long serialVersionUID = 1L;

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
