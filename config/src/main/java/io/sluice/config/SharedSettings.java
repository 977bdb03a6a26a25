package io.sluice.config;

import java.nio.file.Path;

/**
 * Settings that several commands share: where the servers are, and the names every part of the
 * pipeline agrees on. The environment names are the ones {@code sluice stack env} prints, so
 * {@code eval "$(bin/sluice stack env)"} points every command at the local stack.
 */
public final class SharedSettings {

  private SharedSettings() {
  }

  public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS =
      Setting.builder("kafka.bootstrap.servers", ValueType.STRING)
          .defaultValue("127.0.0.1:9092").validator(Validator.nonEmpty()).alsoFromEnv("KAFKA_BOOTSTRAP_SERVERS")
          .doc("Kafka brokers, host:port[,host:port...].").build();

  public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.builder("schema.registry.url", ValueType.STRING)
      .defaultValue("http://127.0.0.1:8081/apis/ccompat/v7").validator(Validator.nonEmpty())
      .alsoFromEnv("SCHEMA_REGISTRY_URL")
      .doc("Base URL of a schema registry that speaks the Confluent Schema Registry REST API.").build();

  public static final Setting<String> CASSANDRA_CONTACT_POINTS =
      Setting.builder("cassandra.contact.points", ValueType.STRING)
          .defaultValue("127.0.0.1:9042").validator(Validator.nonEmpty()).alsoFromEnv("CASSANDRA_CONTACT_POINTS")
          .doc("Cassandra nodes, host:port[,host:port...].").build();

  public static final Setting<String> CASSANDRA_LOCAL_DC = Setting.builder("cassandra.local.dc", ValueType.STRING)
      .defaultValue("datacenter1").validator(Validator.nonEmpty()).alsoFromEnv("CASSANDRA_LOCAL_DC")
      .doc("Cassandra datacenter the driver treats as local.").build();

  public static final Setting<String> CASSANDRA_KEYSPACE = Setting.builder("cassandra.keyspace", ValueType.STRING)
      .defaultValue("sluice").validator(Validator.nonEmpty())
      .doc("Keyspace of Sluice's tables.").build();

  public static final Setting<String> TOPIC = Setting.builder("topic", ValueType.STRING)
      .defaultValue("ad-events").validator(Validator.nonEmpty())
      .doc("Kafka topic of the ad events.").build();

  /** Kafka's own names for its security protocols. */
  public enum KafkaSecurityProtocol { PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL }

  public static final Setting<KafkaSecurityProtocol> KAFKA_SECURITY_PROTOCOL =
      Setting.builder("kafka.security.protocol", ValueType.of("PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL",
              SharedSettings::parseProtocol, Enum::name))
          .defaultValue(KafkaSecurityProtocol.PLAINTEXT).alsoFromEnv("KAFKA_SECURITY_PROTOCOL")
          .doc("How Kafka clients connect (Kafka's security.protocol).").build();

  /** Kafka's spelling, exactly: scripts compare {@code KAFKA_SECURITY_PROTOCOL} with {@code SASL_SSL}. */
  private static KafkaSecurityProtocol parseProtocol(String text) {
    for (KafkaSecurityProtocol protocol : KafkaSecurityProtocol.values()) {
      if (protocol.name().equalsIgnoreCase(text.trim())) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
  }

  public static final Setting<String> KAFKA_SASL_MECHANISM = Setting.builder("kafka.sasl.mechanism", ValueType.STRING)
      .defaultValue("SCRAM-SHA-512").validator(Validator.oneOf("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"))
      .alsoFromEnv("KAFKA_SASL_MECHANISM")
      .doc("SASL mechanism of the SASL_* protocols (Kafka's sasl.mechanism).").build();

  public static final Setting<String> KAFKA_SASL_USERNAME = Setting.builder("kafka.sasl.username", ValueType.STRING)
      .alsoFromEnv("KAFKA_SASL_USERNAME")
      .doc("Kafka principal the client logs in as with SASL.").build();

  public static final Setting<Secret> KAFKA_SASL_PASSWORD = Setting.builder("kafka.sasl.password", ValueType.SECRET)
      .alsoFromEnv("KAFKA_SASL_PASSWORD")
      .doc("Password of kafka.sasl.username.").build();

  public static final Setting<Path> KAFKA_SSL_CA_LOCATION = Setting.builder("kafka.ssl.ca.location", ValueType.PATH)
      .alsoFromEnv("KAFKA_SSL_CA_LOCATION")
      .doc("PEM file of the CA certificates that sign the brokers' certificates. Default: the JVM's trust store.")
      .build();

  /**
   * Where the Kafka clients connect and how they log in. Further Kafka client properties pass through
   * from the config file under their own names with a {@code kafka.} prefix.
   */
  public static final ConfigDef KAFKA = ConfigDef.of(KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL,
      KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_SSL_CA_LOCATION)
      .passingThrough(KafkaClientProperties.PREFIX);

  public static final Setting<Secret> SCHEMA_REGISTRY_USER_INFO =
      Setting.builder("schema.registry.basic.auth.user.info", ValueType.SECRET)
          .alsoFromEnv("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")
          .doc("user:password of HTTP basic authentication to the schema registry (Confluent's"
              + " basic.auth.user.info). Default: none.").build();

  public static final Setting<Path> SCHEMA_REGISTRY_SSL_CA_LOCATION =
      Setting.builder("schema.registry.ssl.ca.location", ValueType.PATH)
          .alsoFromEnv("SCHEMA_REGISTRY_SSL_CA_LOCATION")
          .doc("PEM file of the CA certificates that sign an https registry's certificate. Default: the JVM's"
              + " trust store.").build();

  public static final ConfigDef SCHEMA_REGISTRY = ConfigDef.of(SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER_INFO,
      SCHEMA_REGISTRY_SSL_CA_LOCATION);

  public static final Setting<String> CASSANDRA_USERNAME = Setting.builder("cassandra.username", ValueType.STRING)
      .alsoFromEnv("CASSANDRA_USERNAME")
      .doc("Cassandra role to log in as (the driver's advanced.auth-provider.username). Default: no login.")
      .build();

  public static final Setting<Secret> CASSANDRA_PASSWORD = Setting.builder("cassandra.password", ValueType.SECRET)
      .alsoFromEnv("CASSANDRA_PASSWORD")
      .doc("Password of cassandra.username (the driver's advanced.auth-provider.password).").build();

  public static final Setting<Path> CASSANDRA_SSL_CA_LOCATION =
      Setting.builder("cassandra.ssl.ca.location", ValueType.PATH)
          .alsoFromEnv("CASSANDRA_SSL_CA_LOCATION")
          .doc("PEM file of the CA certificates that sign the nodes' certificates; set, the driver connects with"
              + " TLS. Default: plaintext.").build();

  public static final ConfigDef CASSANDRA = ConfigDef.of(CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DC,
      CASSANDRA_KEYSPACE, CASSANDRA_USERNAME, CASSANDRA_PASSWORD, CASSANDRA_SSL_CA_LOCATION);

  /** How to reach and log in to every server: what a job's executors carry as a {@link Config.Snapshot}. */
  public static final ConfigDef CLIENTS = KAFKA.with(SCHEMA_REGISTRY).with(CASSANDRA);
}
