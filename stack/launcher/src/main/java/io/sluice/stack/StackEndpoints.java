package io.sluice.stack;

import io.sluice.config.Config;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a running stack answers. Immutable. {@link #asEnvironment()} gives the names that
 * {@code sluice stack env} prints and that every Sluice command reads.
 */
public final class StackEndpoints {

  // The conventional names, which the shared settings of every command also read.
  public static final String KAFKA_BOOTSTRAP_SERVERS = conventionalEnv(SharedSettings.KAFKA_BOOTSTRAP_SERVERS);
  public static final String SCHEMA_REGISTRY_URL = conventionalEnv(SharedSettings.SCHEMA_REGISTRY_URL);
  public static final String CASSANDRA_CONTACT_POINTS = conventionalEnv(SharedSettings.CASSANDRA_CONTACT_POINTS);
  public static final String CASSANDRA_LOCAL_DC = conventionalEnv(SharedSettings.CASSANDRA_LOCAL_DC);

  private final String kafkaBootstrapServers;
  private final String schemaRegistryUrl;
  private final String cassandraContactPoints;
  private final String cassandraLocalDc;

  public StackEndpoints(String kafkaBootstrapServers, String schemaRegistryUrl, String cassandraContactPoints,
                        String cassandraLocalDc) {
    this.kafkaBootstrapServers = Objects.requireNonNull(kafkaBootstrapServers);
    this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl);
    this.cassandraContactPoints = Objects.requireNonNull(cassandraContactPoints);
    this.cassandraLocalDc = Objects.requireNonNull(cassandraLocalDc);
  }

  /** {@code host:port[,host:port...]}, as Kafka clients take it. */
  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  /** Base URL of the Confluent Schema Registry REST API. */
  public String schemaRegistryUrl() {
    return schemaRegistryUrl;
  }

  /** {@code host:port[,host:port...]} of the Cassandra nodes' CQL ports. */
  public String cassandraContactPoints() {
    return cassandraContactPoints;
  }

  public String cassandraLocalDc() {
    return cassandraLocalDc;
  }

  /** The Cassandra settings of a driver session to this stack (keyspace: the default). */
  public Config cassandra() {
    return Config.of(SharedSettings.CASSANDRA, Map.of(SharedSettings.CASSANDRA_CONTACT_POINTS, cassandraContactPoints,
        SharedSettings.CASSANDRA_LOCAL_DC, cassandraLocalDc));
  }

  public Map<String, String> asEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
    env.put(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    env.put(CASSANDRA_CONTACT_POINTS, cassandraContactPoints);
    env.put(CASSANDRA_LOCAL_DC, cassandraLocalDc);
    return env;
  }

  private static String conventionalEnv(Setting<?> setting) {
    return setting.envNames().get(setting.envNames().size() - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StackEndpoints && asEnvironment().equals(((StackEndpoints) o).asEnvironment());
  }

  @Override
  public int hashCode() {
    return asEnvironment().hashCode();
  }

  @Override
  public String toString() {
    return asEnvironment().toString();
  }
}
