package io.sluice.config.access;

import java.util.Optional;

/**
 * The users of a secure Sluice: the local stack's and a deployment's alike. Each exists on every
 * server under the same name, with its own password, and may do only what its part of the pipeline
 * needs.
 */
public enum SluicePrincipal {
  /** The stack itself, {@code sluice stack env} and a deployment's setup: Kafka super user, Cassandra superuser, registry admin. */
  ADMIN("sluice-admin", "sr-admin"),
  /** Producers: write the events topic and register its schema. */
  PRODUCER("sluice-producer", "sr-developer"),
  /** The streaming jobs: read the events, write dead letters and the aggregate tables, read {@code ads}. */
  JOB("sluice-job", "sr-readonly"),
  /** The migrator: owns the keyspace and its tables. */
  MIGRATOR("sluice-migrator", null),
  /** Dashboards: read the tables, nothing else. */
  DASHBOARD("sluice-dashboard", null);

  private final String username;
  private final String registryRole;

  SluicePrincipal(String username, String registryRole) {
    this.username = username;
    this.registryRole = registryRole;
  }

  public String username() {
    return username;
  }

  /**
   * Its role on the schema registry (Apicurio's {@code sr-admin}, {@code sr-developer} that may
   * register schemas, {@code sr-readonly}), if it talks to the registry at all.
   */
  public Optional<String> registryRole() {
    return Optional.ofNullable(registryRole);
  }
}
