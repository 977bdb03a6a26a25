package io.sluice.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * A password or other credential. Its {@link #toString()} never shows the value, so a secret that
 * ends up in a log line, an exception or a Spark plan prints as {@code [hidden]}; only
 * {@link #reveal()} gives the text, at the one place a client library needs it.
 */
public final class Secret implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret && ((Secret) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "[hidden]";
  }
}
