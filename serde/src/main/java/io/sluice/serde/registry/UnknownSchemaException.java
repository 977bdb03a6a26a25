package io.sluice.serde.registry;

/** The registry has no such schema id (40403), or no such schema under a subject (40401, 40403). */
public class UnknownSchemaException extends RegistryException {

  private static final long serialVersionUID = 1L;

  public UnknownSchemaException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
