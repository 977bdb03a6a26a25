package io.sluice.stack;

import io.sluice.config.Config;
import io.sluice.config.Setting;
import io.sluice.stack.process.Ports;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The shape of one stack: how many brokers and nodes, the Kafka cluster id and every port.
 * Written to {@code stack.properties} in the state folder on {@code up}, so that {@code down},
 * {@code status}, {@code env} and the next {@code up} agree with what is running and with the
 * data on disk. Immutable.
 */
public final class StackLayout {

  static final String FILE = "stack.properties";
  public static final String LOCAL_DC = "datacenter1";
  private static final int KAFKA_WELL_KNOWN = 9092;
  private static final int KAFKA_CONTROLLER_WELL_KNOWN = 9093;
  private static final int REGISTRY_WELL_KNOWN = 8081;
  private static final int KEYCLOAK_WELL_KNOWN = 8180;
  private static final int CASSANDRA_WELL_KNOWN = 9042;
  private static final int CASSANDRA_STORAGE_WELL_KNOWN = 7000;

  private final int kafkaBrokers;
  private final int cassandraNodes;
  private final String kafkaClusterId;
  private final Map<String, Integer> ports;
  private final boolean secure;

  private StackLayout(int kafkaBrokers, int cassandraNodes, String kafkaClusterId, Map<String, Integer> ports,
                      boolean secure) {
    this.kafkaBrokers = kafkaBrokers;
    this.cassandraNodes = cassandraNodes;
    this.kafkaClusterId = kafkaClusterId;
    this.ports = Map.copyOf(ports);
    this.secure = secure;
  }

  /** Whether the servers run secured ({@link StackSettings#SECURE}). */
  public boolean secure() {
    return secure;
  }

  public int kafkaBrokers() {
    return kafkaBrokers;
  }

  public int cassandraNodes() {
    return cassandraNodes;
  }

  public String kafkaClusterId() {
    return kafkaClusterId;
  }

  public int kafkaPort(int broker) {
    return ports.get("kafka-" + broker + ".port");
  }

  public int kafkaControllerPort(int broker) {
    return ports.get("kafka-" + broker + ".controller.port");
  }

  public int registryPort() {
    return ports.get("registry.port");
  }

  /** Port of the registry's login server; a secure stack's only. */
  public int keycloakPort() {
    return ports.get("keycloak.port");
  }

  public int cassandraPort() {
    return ports.get("cassandra.port");
  }

  public int cassandraStoragePort() {
    return ports.get("cassandra.storage.port");
  }

  /** Loopback address of Cassandra node {@code n}: 127.0.0.n. */
  public static String cassandraHost(int node) {
    return "127.0.0." + node;
  }

  /** Names of the servers, in the order they are stopped: clients of Kafka first, brokers one by one. */
  public java.util.List<String> serverNames() {
    java.util.List<String> names = new java.util.ArrayList<>();
    names.add("registry");
    if (secure) {
      names.add("keycloak");
    }
    for (int b = kafkaBrokers; b >= 1; b--) {
      names.add("kafka-" + b);
    }
    for (int n = cassandraNodes; n >= 1; n--) {
      names.add("cassandra-" + n);
    }
    return names;
  }

  /** Where clients reach one server. */
  public String endpointOf(String server) {
    if (server.equals("registry")) {
      return endpoints().schemaRegistryUrl();
    }
    if (server.equals("keycloak")) {
      return "https://127.0.0.1:" + keycloakPort();
    }
    int index = Integer.parseInt(server.substring(server.lastIndexOf('-') + 1));
    return server.startsWith("kafka-") ? "127.0.0.1:" + kafkaPort(index) : cassandraHost(index) + ":" + cassandraPort();
  }

  public StackEndpoints endpoints() {
    StringBuilder kafka = new StringBuilder();
    for (int b = 1; b <= kafkaBrokers; b++) {
      kafka.append(b > 1 ? "," : "").append("127.0.0.1:").append(kafkaPort(b));
    }
    StringBuilder cassandra = new StringBuilder();
    for (int n = 1; n <= cassandraNodes; n++) {
      cassandra.append(n > 1 ? "," : "").append(cassandraHost(n)).append(':').append(cassandraPort());
    }
    return new StackEndpoints(kafka.toString(), (secure ? "https" : "http") + "://127.0.0.1:" + registryPort()
        + "/apis/ccompat/v7",
        cassandra.toString(), LOCAL_DC);
  }

  /**
   * The layout {@code up} will use: counts as the data already on disk has them (a count asked for
   * explicitly must match it), else from the settings; ports as set, else as last time when still
   * free (or in use by our own running server).
   */
  static StackLayout resolve(Config config, Optional<StackLayout> previous, Predicate<String> isRunning) {
    int brokers = count(config, StackSettings.KAFKA_BROKERS, previous.map(p -> p.kafkaBrokers));
    int nodes = count(config, StackSettings.CASSANDRA_NODES, previous.map(p -> p.cassandraNodes));
    boolean secure = secure(config, previous.map(p -> p.secure));
    PortChooser chooser = new PortChooser(config, previous, isRunning);
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (int b = 1; b <= brokers; b++) {
      String name = "kafka-" + b;
      chooser.choose(ports, name, name + ".port", StackSettings.KAFKA_PORT, b - 1, KAFKA_WELL_KNOWN, 1);
      chooser.choose(ports, name, name + ".controller.port", StackSettings.KAFKA_CONTROLLER_PORT, b - 1,
          KAFKA_CONTROLLER_WELL_KNOWN, 1);
    }
    chooser.choose(ports, "registry", "registry.port", StackSettings.REGISTRY_PORT, 0, REGISTRY_WELL_KNOWN, 1);
    if (secure) {
      chooser.choose(ports, "keycloak", "keycloak.port", StackSettings.KEYCLOAK_PORT, 0, KEYCLOAK_WELL_KNOWN, 1);
    }
    chooser.choose(ports, "cassandra-1", "cassandra.port", StackSettings.CASSANDRA_PORT, 0, CASSANDRA_WELL_KNOWN,
        nodes);
    chooser.choose(ports, "cassandra-1", "cassandra.storage.port", StackSettings.CASSANDRA_STORAGE_PORT, 0,
        CASSANDRA_STORAGE_WELL_KNOWN, nodes);
    String clusterId = previous.map(p -> p.kafkaClusterId).orElseGet(StackLayout::newClusterId);
    return new StackLayout(brokers, nodes, clusterId, ports, secure);
  }

  /** Data made by a secure stack stays secure and the other way round: the mode is the state folder's. */
  private static boolean secure(Config config, Optional<Boolean> onDisk) {
    if (onDisk.isEmpty()) {
      return config.get(StackSettings.SECURE);
    }
    if (config.isExplicit(StackSettings.SECURE) && !config.get(StackSettings.SECURE).equals(onDisk.get())) {
      throw new StackException("The state folder holds a " + (onDisk.get() ? "secure" : "plaintext") + " stack, but "
          + StackSettings.SECURE.name() + "=" + config.get(StackSettings.SECURE) + " was asked for. Give "
          + StackSettings.SECURE.flag() + " " + onDisk.get() + ", or --clean to start over.");
    }
    return onDisk.get();
  }

  /** The state folder's count, unless the setting was given explicitly, when both must agree. */
  private static int count(Config config, Setting<Integer> setting, Optional<Integer> onDisk) {
    if (onDisk.isEmpty()) {
      return config.get(setting);
    }
    if (config.isExplicit(setting)) {
      requireSame(setting, onDisk.get(), config.get(setting));
    }
    return onDisk.get();
  }

  private static void requireSame(Setting<Integer> setting, int before, int now) {
    if (before != now) {
      throw new StackException("The state folder holds a stack with " + setting.name() + "=" + before + ", but "
          + now + " was asked for. Give " + setting.flag() + " " + before + ", or --clean to start over.");
    }
  }

  /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's own tools make them. */
  private static String newClusterId() {
    UUID uuid = UUID.randomUUID();
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  public static Optional<StackLayout> load(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String key : props.stringPropertyNames()) {
        if (key.endsWith("port")) {
          ports.put(key, Integer.valueOf(props.getProperty(key)));
        }
      }
      return Optional.of(new StackLayout(Integer.parseInt(props.getProperty("kafka.brokers")),
          Integer.parseInt(props.getProperty("cassandra.nodes")), props.getProperty("kafka.cluster.id"), ports,
          Boolean.parseBoolean(props.getProperty("secure", "false"))));
    } catch (IOException | RuntimeException e) {
      throw new StackException("Cannot read " + file + " (" + e + "); remove the state folder with 'stack down --clean'", e);
    }
  }

  void save(Path stateDir) throws IOException {
    Properties props = new Properties();
    props.setProperty("kafka.brokers", Integer.toString(kafkaBrokers));
    props.setProperty("cassandra.nodes", Integer.toString(cassandraNodes));
    props.setProperty("kafka.cluster.id", kafkaClusterId);
    props.setProperty("secure", Boolean.toString(secure));
    ports.forEach((k, v) -> props.setProperty(k, Integer.toString(v)));
    Files.createDirectories(stateDir);
    try (Writer writer = Files.newBufferedWriter(stateDir.resolve(FILE))) {
      props.store(writer, "Written by 'sluice stack up': the layout of the stack in this folder");
    }
  }

  /** Picks each port once, never the same port twice. */
  private static final class PortChooser {
    private final Config config;
    private final Optional<StackLayout> previous;
    private final Predicate<String> isRunning;
    private final Set<Integer> taken = new HashSet<>();

    PortChooser(Config config, Optional<StackLayout> previous, Predicate<String> isRunning) {
      this.config = config;
      this.previous = previous;
      this.isRunning = isRunning;
    }

    /** Puts the chosen port under {@code key}; {@code server} is the one that listens on it. */
    void choose(Map<String, Integer> ports, String server, String key, Setting<Integer> setting, int offset,
                int wellKnown, int hosts) {
      int chosen;
      Integer before = previous.map(p -> p.ports.get(key)).orElse(null);
      if (config.get(setting) != 0) {
        chosen = config.get(setting) + offset;
      } else if (before != null && (isRunning.test(server) || freeOnAll(before, hosts))) {
        chosen = before;
      } else if (config.get(StackSettings.WELL_KNOWN_PORTS) && freeOnAll(wellKnown + offset, hosts)) {
        chosen = wellKnown + offset;
      } else {
        do {
          chosen = Ports.ephemeral("127.0.0.1");
        } while (!freeOnAll(chosen, hosts));
      }
      taken.add(chosen);
      ports.put(key, chosen);
    }

    private boolean freeOnAll(int port, int hosts) {
      if (taken.contains(port)) {
        return false;
      }
      for (int h = 1; h <= hosts; h++) {
        if (!Ports.isFree(cassandraHost(h), port)) {
          return false;
        }
      }
      return true;
    }
  }
}
