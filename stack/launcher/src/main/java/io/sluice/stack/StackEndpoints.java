package io.sluice.stack;

import io.sluice.config.Config;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings.KafkaSecurityProtocol;
import io.sluice.config.SharedSettings;
import io.sluice.stack.security.Login;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a running stack answers, and for a secure stack how to log in. Immutable.
 * {@link #asEnvironment()} gives the names that {@code sluice stack env} prints and that every
 * Sluice command reads; {@link #clients()} the same as settings.
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
  private final Login login;

  public StackEndpoints(String kafkaBootstrapServers, String schemaRegistryUrl, String cassandraContactPoints,
                        String cassandraLocalDc) {
    this(kafkaBootstrapServers, schemaRegistryUrl, cassandraContactPoints, cassandraLocalDc, null);
  }

  private StackEndpoints(String kafkaBootstrapServers, String schemaRegistryUrl, String cassandraContactPoints,
                         String cassandraLocalDc, Login login) {
    this.kafkaBootstrapServers = Objects.requireNonNull(kafkaBootstrapServers);
    this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl);
    this.cassandraContactPoints = Objects.requireNonNull(cassandraContactPoints);
    this.cassandraLocalDc = Objects.requireNonNull(cassandraLocalDc);
    this.login = login;
  }

  /** The same servers, reached as {@code login}: SASL_SSL to Kafka, TLS and a login to Cassandra and the registry. */
  public StackEndpoints withLogin(Login login) {
    return new StackEndpoints(kafkaBootstrapServers, schemaRegistryUrl, cassandraContactPoints, cassandraLocalDc,
        Objects.requireNonNull(login));
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

  /** The login of a secure stack; empty for a plaintext one. */
  public Optional<Login> login() {
    return Optional.ofNullable(login);
  }

  /** The settings of every client of this stack ({@link SharedSettings#CLIENTS}), login included. */
  public Config clients() {
    return Config.of(SharedSettings.CLIENTS, settings());
  }

  /** The Kafka client settings ({@link SharedSettings#KAFKA}). */
  public Config kafka() {
    return Config.of(SharedSettings.KAFKA, settings());
  }

  /** The Cassandra settings of a driver session to this stack (keyspace: the default). */
  public Config cassandra() {
    return Config.of(SharedSettings.CASSANDRA, settings());
  }

  /** The registry client settings ({@link SharedSettings#SCHEMA_REGISTRY}). */
  public Config registry() {
    return Config.of(SharedSettings.SCHEMA_REGISTRY, settings());
  }

  /** The values of the {@link SharedSettings#CLIENTS} settings that reach this stack, to combine with others. */
  public Map<Setting<?>, Object> settings() {
    Map<Setting<?>, Object> settings = new LinkedHashMap<>();
    settings.put(SharedSettings.KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers);
    settings.put(SharedSettings.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    settings.put(SharedSettings.CASSANDRA_CONTACT_POINTS, cassandraContactPoints);
    settings.put(SharedSettings.CASSANDRA_LOCAL_DC, cassandraLocalDc);
    if (login != null) {
      settings.put(SharedSettings.KAFKA_SECURITY_PROTOCOL, KafkaSecurityProtocol.SASL_SSL);
      settings.put(SharedSettings.KAFKA_SASL_MECHANISM, "SCRAM-SHA-512");
      settings.put(SharedSettings.KAFKA_SASL_USERNAME, login.username());
      settings.put(SharedSettings.KAFKA_SASL_PASSWORD, login.password());
      settings.put(SharedSettings.KAFKA_SSL_CA_LOCATION, login.caPem());
      settings.put(SharedSettings.CASSANDRA_USERNAME, login.username());
      settings.put(SharedSettings.CASSANDRA_PASSWORD, login.password());
      settings.put(SharedSettings.CASSANDRA_SSL_CA_LOCATION, login.caPem());
      settings.put(SharedSettings.SCHEMA_REGISTRY_USER_INFO, login.userInfo());
      settings.put(SharedSettings.SCHEMA_REGISTRY_SSL_CA_LOCATION, login.caPem());
    }
    return settings;
  }

  /**
   * The settings as environment variables, under each setting's conventional name
   * ({@code KAFKA_SASL_PASSWORD}, ...). Holds the password of a secure stack: print it only where
   * the user asked for it.
   */
  public Map<String, String> asEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    settings().forEach((setting, value) -> env.put(conventionalEnv(setting), format(setting, value)));
    return env;
  }

  @SuppressWarnings("unchecked")
  private static <T> String format(Setting<T> setting, Object value) {
    return setting.type().format((T) value);
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

  /** The endpoints and user, never the password. */
  @Override
  public String toString() {
    return "StackEndpoints{kafka=" + kafkaBootstrapServers + ", registry=" + schemaRegistryUrl + ", cassandra="
        + cassandraContactPoints + "/" + cassandraLocalDc + (login == null ? "" : ", user=" + login.username()) + "}";
  }
}
