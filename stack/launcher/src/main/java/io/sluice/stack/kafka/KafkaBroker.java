package io.sluice.stack.kafka;

import io.sluice.config.KafkaClientProperties;
import io.sluice.stack.LocalServer;
import io.sluice.stack.StackException;
import io.sluice.stack.StackLayout;
import io.sluice.stack.StackSettings;
import io.sluice.stack.process.JavaCommand;
import io.sluice.stack.process.LogTail;
import io.sluice.stack.process.ServerProcess;
import io.sluice.stack.security.OwnerOnly;
import io.sluice.config.access.SluicePrincipal;
import io.sluice.stack.security.StackSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** One Kafka node in KRaft mode, broker and controller in one process. */
public final class KafkaBroker extends LocalServer {

  private final int id;
  private final StackLayout layout;
  private final String classPath;
  private final Path javaHome;
  private final String heap;
  private final StackSecurity security;

  /** A broker of a secure stack when {@code security} is given, else a plaintext one. */
  public KafkaBroker(int id, Path stateDir, StackLayout layout, String classPath, Path javaHome, String heap,
                     Optional<StackSecurity> security) {
    super(new ServerProcess("kafka-" + id, stateDir.resolve("kafka-" + id)));
    this.id = id;
    this.layout = layout;
    this.classPath = classPath;
    this.javaHome = javaHome;
    this.heap = heap;
    this.security = security.orElse(null);
  }

  @Override
  public List<Listener> listeners() {
    return List.of(new Listener(new InetSocketAddress("127.0.0.1", layout.kafkaPort(id)), StackSettings.KAFKA_PORT),
        new Listener(new InetSocketAddress("127.0.0.1", layout.kafkaControllerPort(id)),
            StackSettings.KAFKA_CONTROLLER_PORT));
  }

  private Path dir() {
    return process().dir();
  }

  @Override
  public void prepare() throws IOException {
    Files.createDirectories(dir().resolve("data"));
    writeServerProperties();
    try (InputStream log4j = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
      Files.copy(log4j, dir().resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.exists(dir().resolve("data/meta.properties"))) {
      format();
    }
  }

  private void writeServerProperties() throws IOException {
    Properties props = serverProperties(id, layout, dir());
    if (security != null) {
      props.putAll(SecureKafka.serverProperties(id, layout, security));
    }
    StringWriter text = new StringWriter();
    props.store(text, "Written by sluice stack up for " + name());
    // A secure broker's file holds its key store password and the admin's: readable by the owner only.
    OwnerOnly.write(dir().resolve("server.properties"), text.toString());
  }

  /**
   * Broker {@code id}'s configuration. With three brokers a topic keeps three replicas and takes an
   * acks=all write only while two are in sync, so losing one broker loses no acknowledged event.
   */
  public static Properties serverProperties(int id, StackLayout layout, Path dir) {
    int brokers = layout.kafkaBrokers();
    String voters = IntStream.rangeClosed(1, brokers)
        .mapToObj(b -> b + "@127.0.0.1:" + layout.kafkaControllerPort(b)).collect(Collectors.joining(","));
    Properties p = new Properties();
    p.putAll(Map.of(
        "process.roles", "broker,controller",
        "node.id", Integer.toString(id),
        "controller.quorum.voters", voters,
        "listeners", "PLAINTEXT://127.0.0.1:" + layout.kafkaPort(id) + ",CONTROLLER://127.0.0.1:"
            + layout.kafkaControllerPort(id),
        "advertised.listeners", "PLAINTEXT://127.0.0.1:" + layout.kafkaPort(id),
        "controller.listener.names", "CONTROLLER",
        "inter.broker.listener.name", "PLAINTEXT",
        "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs", dir.resolve("data").toString()));
    int replication = Math.min(3, brokers);
    p.putAll(Map.of(
        "offsets.topic.replication.factor", Integer.toString(replication),
        "transaction.state.log.replication.factor", Integer.toString(replication),
        "transaction.state.log.min.isr", Integer.toString(Math.min(2, brokers)),
        "default.replication.factor", Integer.toString(replication),
        "min.insync.replicas", Integer.toString(Math.min(2, brokers)),
        "num.partitions", "2",
        "group.initial.rebalance.delay.ms", "0",
        "auto.create.topics.enable", "true"));
    // Records carry their event time: with Kafka's default of 7 days, a replayed sample from last
    // month would be deleted minutes after it was written. A local stack keeps what it is given.
    p.put("log.retention.ms", "-1");
    return p;
  }

  /** Formats the log directory with the stack's cluster id: a short separate JVM run of Kafka's StorageTool. */
  private void format() throws IOException {
    Path out = dir().resolve("format.log");
    List<String> args = new ArrayList<>(List.of("-Xmx256m", "-cp", classPath,
        "-Dlog4j2.configurationFile=" + dir().resolve("log4j2.properties"),
        // "=" form: a base64url cluster id may start with '-', which would read as an option.
        "kafka.tools.StorageTool", "format", "--cluster-id=" + layout.kafkaClusterId(),
        "-c", dir().resolve("server.properties").toString(), "--ignore-formatted"));
    if (security != null) {
      args.addAll(SecureKafka.scramUsers(security));
    }
    // The SCRAM users' passwords must not show in the process list: the JVM reads its arguments from a
    // file (java @file) that only the owner can read, deleted once the tool has run.
    Path argFile = dir().resolve("format.args");
    OwnerOnly.write(argFile, args.stream().map(KafkaBroker::quoteArg).collect(Collectors.joining("\n")));
    Process tool = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "@" + argFile)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!tool.waitFor(120, TimeUnit.SECONDS)) {
        tool.destroyForcibly();
        throw new StackException("Formatting " + name() + " storage did not finish in 120 s; see " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while formatting " + name(), e);
    }
    Files.deleteIfExists(argFile);
    if (tool.exitValue() != 0) {
      throw new StackException("Formatting " + name() + " storage failed (exit " + tool.exitValue() + "). Last lines of "
          + out + ":\n" + LogTail.of(out, null, 20));
    }
  }

  /** One argument of a {@code java @file}: quoted, with quotes and backslashes escaped. */
  private static String quoteArg(String arg) {
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public JavaCommand command() {
    return JavaCommand.builder(javaHome)
        .heap(heap)
        .option("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError")
        .systemProperty("log4j2.configurationFile", dir().resolve("log4j2.properties"))
        .systemProperty("kafka.logs.dir", dir())
        .classPath(classPath)
        .main("kafka.Kafka", dir().resolve("server.properties").toString())
        .build();
  }

  @Override
  public Probe openProbe() {
    Map<String, Object> props = new HashMap<>(security == null ? Map.of()
        : KafkaClientProperties.of(layout.endpoints().withLogin(security.login(SluicePrincipal.ADMIN)).kafka()));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.endpointOf(name()));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    Admin admin = Admin.create(props);
    return new Probe() {
      @Override
      public boolean isReady() throws Exception {
        // Ready when this broker answers metadata and sees every broker of the cluster.
        int seen = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
            .get(3, TimeUnit.SECONDS).size();
        return seen == layout.kafkaBrokers();
      }

      @Override
      public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
      }
    };
  }
}
