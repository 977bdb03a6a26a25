package io.sluice.config.access;

/**
 * The users of a secure Sluice: the local stack's and a deployment's alike. Each exists on every
 * server under the same name, with its own password, and may do only what its part of the pipeline
 * needs.
 */
public enum SluicePrincipal {
  /** The stack itself, {@code sluice stack env} and a deployment's setup: Kafka super user, Cassandra superuser, registry admin. */
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

  SluicePrincipal(String username) {
    this.username = username;
  }

  public String username() {
    return username;
  }
}
