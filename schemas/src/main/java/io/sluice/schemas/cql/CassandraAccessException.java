package io.sluice.schemas.cql;

/** Cassandra refused a session: a wrong login or TLS setting. The message names the setting to fix. */
public final class CassandraAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CassandraAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
