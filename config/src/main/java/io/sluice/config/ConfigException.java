package io.sluice.config;

/** A setting has a value that cannot be used, or a required one is missing. The message names it. */
public class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  ConfigException(Setting<?> setting, String value, String origin, String reason) {
    super("Invalid value " + (setting.isSecret() ? "" : "'" + value + "' ") + "for " + setting.name() + " (" + origin
        + "): " + reason);
  }
}
