package io.sluice.stack;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import java.nio.file.Path;
import java.time.Duration;

/** Every setting of the local stack, declared once; the commands and the JUnit extension share them. */
public final class StackSettings {

  private StackSettings() {
  }

  private static final String AUTO_PORT = " 0 picks one: the port used last time, else the well-known port when it is"
      + " free, else any free port.";

  public static final Setting<Path> STATE_DIR = Setting.builder("state.dir", ValueType.PATH)
      .doc("Folder for the servers' data, logs, configs and PID files. Default: .sluice in the Sluice checkout.")
      .build();

  public static final Setting<Integer> KAFKA_BROKERS = Setting.builder("kafka.brokers", ValueType.INT)
      .defaultValue(1).validator(Validator.between(1, 5))
      .doc("Number of Kafka brokers, each also a KRaft controller (3 for broker-loss tests). An existing state"
          + " folder keeps the count it was made with.").build();

  public static final Setting<Integer> KAFKA_PORT = Setting.builder("kafka.port", ValueType.INT)
      .defaultValue(0).validator(Validator.port())
      .doc("Client port of broker 1 (well-known: 9092); broker N listens on this port + N - 1." + AUTO_PORT).build();

  public static final Setting<Integer> KAFKA_CONTROLLER_PORT = Setting.builder("kafka.controller.port", ValueType.INT)
      .defaultValue(0).validator(Validator.port())
      .doc("KRaft controller port of broker 1 (well-known: 9093), likewise." + AUTO_PORT).build();

  public static final Setting<String> KAFKA_HEAP = Setting.builder("kafka.heap", ValueType.MEMORY_SIZE)
      .defaultValue("512m").doc("Maximum heap of each Kafka broker.").build();

  public static final Setting<Integer> REGISTRY_PORT = Setting.builder("registry.port", ValueType.INT)
      .defaultValue(0).validator(Validator.port())
      .doc("HTTP port of the schema registry (well-known: 8081)." + AUTO_PORT).build();

  public static final Setting<String> REGISTRY_HEAP = Setting.builder("registry.heap", ValueType.MEMORY_SIZE)
      .defaultValue("256m").doc("Maximum heap of the schema registry.").build();

  public static final Setting<Integer> KEYCLOAK_PORT = Setting.builder("keycloak.port", ValueType.INT)
      .defaultValue(0).validator(Validator.port())
      .doc("Port of Keycloak, which checks the registry's logins in a secure stack (well-known: 8180)." + AUTO_PORT)
      .build();

  public static final Setting<String> KEYCLOAK_HEAP = Setting.builder("keycloak.heap", ValueType.MEMORY_SIZE)
      .defaultValue("192m").doc("Maximum heap of Keycloak (secure stacks only).").build();

  public static final Setting<Integer> CASSANDRA_NODES = Setting.builder("cassandra.nodes", ValueType.INT)
      .defaultValue(1).validator(Validator.between(1, 2))
      .doc("Number of Cassandra nodes; node 2 listens on 127.0.0.2 with the same ports. An existing state"
          + " folder keeps the count it was made with.").build();

  public static final Setting<Integer> CASSANDRA_PORT = Setting.builder("cassandra.port", ValueType.INT)
      .defaultValue(0).validator(Validator.port())
      .doc("CQL native port (well-known: 9042)." + AUTO_PORT).build();

  public static final Setting<Integer> CASSANDRA_STORAGE_PORT = Setting.builder("cassandra.storage.port", ValueType.INT)
      .defaultValue(0).validator(Validator.port())
      .doc("Port Cassandra nodes talk to each other on (well-known: 7000)." + AUTO_PORT).build();

  public static final Setting<String> CASSANDRA_HEAP = Setting.builder("cassandra.heap", ValueType.MEMORY_SIZE)
      .defaultValue("512m").doc("Maximum heap of each Cassandra node.").build();

  public static final Setting<Boolean> WELL_KNOWN_PORTS = Setting.builder("well-known-ports", ValueType.BOOLEAN)
      .defaultValue(true)
      .doc("Let auto ports (0) prefer the servers' well-known ports; false always takes free random ports.").build();

  public static final Setting<Duration> STARTUP_TIMEOUT = Setting.builder("startup.timeout", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(120))
      .validator(Validator.atLeast(ValueType.DURATION, Duration.ofSeconds(1)))
      .doc("How long each server may take to answer its readiness probe.").build();

  public static final Setting<Path> JAVA_HOME = Setting.builder("servers.java.home", ValueType.PATH)
      .defaultValue(Path.of(System.getProperty("java.home")))
      .doc("Java installation that runs the servers (Java 17 or newer).").build();

  public static final Setting<Boolean> SECURE = Setting.builder("secure", ValueType.BOOLEAN)
      .defaultValue(false)
      .doc("Start the servers secured: Kafka SASL_SSL with SCRAM-SHA-512 and ACLs, Cassandra with logins, roles and"
          + " TLS, the registry over HTTPS with logins checked by Keycloak. Passwords and certificates are made in the state folder; 'stack env'"
          + " prints the admin's login. An existing state folder keeps the mode it was made with.").build();

  public static final Setting<Boolean> CLEAN = Setting.builder("clean", ValueType.BOOLEAN)
      .defaultValue(false)
      .doc("up: delete all data in the state folder before starting. down: delete it after stopping.").build();

  /** What {@code stack up} reads. */
  public static final ConfigDef UP = ConfigDef.of(STATE_DIR, KAFKA_BROKERS, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HEAP,
      REGISTRY_PORT, REGISTRY_HEAP, KEYCLOAK_PORT, KEYCLOAK_HEAP, CASSANDRA_NODES, CASSANDRA_PORT, CASSANDRA_STORAGE_PORT, CASSANDRA_HEAP,
      WELL_KNOWN_PORTS, STARTUP_TIMEOUT, JAVA_HOME, SECURE, CLEAN, SharedSettings.TOPIC);

  /** What {@code stack down} reads. */
  public static final ConfigDef DOWN = ConfigDef.of(STATE_DIR, CLEAN);

  /** What {@code stack status} and {@code stack env} read. */
  public static final ConfigDef INSPECT = ConfigDef.of(STATE_DIR);

  /** The state folder as configured, or {@code .sluice} in the checkout. */
  public static Path stateDir(Config config) {
    Path dir = config.get(STATE_DIR);
    return (dir != null ? dir : SluiceHome.locate().resolve(".sluice")).toAbsolutePath().normalize();
  }
}
