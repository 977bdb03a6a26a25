package io.sluice.config;

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

  public static final ConfigDef CASSANDRA = ConfigDef.of(CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DC,
      CASSANDRA_KEYSPACE);
}
