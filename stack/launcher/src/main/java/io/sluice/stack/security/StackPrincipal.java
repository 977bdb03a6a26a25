package io.sluice.stack.security;

/**
 * The users of a secure local stack. Each exists on every server under the same name, with its
 * own password, and may do only what its part of the pipeline needs.
 */
public enum StackPrincipal {
  /** The stack itself and {@code sluice stack env}: Kafka super user, Cassandra superuser, registry admin. */
  ADMIN("sluice-admin"),
  /** Producers: write the events topic and register its schema. */
  PRODUCER("sluice-producer"),
  /** The streaming jobs: read the events, write dead letters and the aggregate tables, read {@code ads}. */
  JOB("sluice-job"),
  /** The migrator: owns the keyspace and its tables. */
  MIGRATOR("sluice-migrator"),
  /** Dashboards: read the tables, nothing else. */
  DASHBOARD("sluice-dashboard");

  private final String username;

  StackPrincipal(String username) {
    this.username = username;
  }

  public String username() {
    return username;
  }
}
