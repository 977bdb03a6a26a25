package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.junit.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Starting and stopping a stack of its own: data survives a restart, a running stack is left
 * alone, and a clash or a crash at start-up is reported clearly and leaves nothing running.
 */
class StackLifecycleIT {

  private final List<String> progress = new ArrayList<>();

  private LocalStack stack(String name) {
    return new LocalStack(LocalStackExtension.testStateDir().resolve(name), progress::add);
  }

  @Test
  void keepsDataAcrossDownAndUp() throws Exception {
    LocalStack stack = stack("restart");
    StackEndpoints first = stack.up(LocalStackExtension.testStackConfig(stack.stateDir(), Map.of()));
    try {
      produce(first, "restart-it", "kept");
      int schemaId = RegistryClient.idOf(new RegistryClient(first.schemaRegistryUrl())
          .register("restart-it-value", "{\"type\":\"string\"}"));
      try (CqlSession session = CassandraServerIT.connect(first)) {
        session.execute("CREATE KEYSPACE restart_it WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
        session.execute("CREATE TABLE restart_it.t (k text PRIMARY KEY, v text)");
        session.execute("INSERT INTO restart_it.t (k, v) VALUES ('k', 'kept')");
      }

      progress.clear();
      assertThat(stack.up(LocalStackExtension.testStackConfig(stack.stateDir(), Map.of(StackSettings.CLEAN, false))))
          .as("up on a running stack changes nothing").isEqualTo(first);
      assertThat(progress).anyMatch(line -> line.contains("already running"));

      List<ServerStatus> before = stack.status();
      stack.down(false);
      assertThat(stack.status()).allMatch(s -> !s.up());
      assertThat(before).allMatch(s -> ProcessHandle.of(s.pid()).map(p -> !p.isAlive()).orElse(true));

      StackEndpoints second = stack.up(LocalStackExtension.testStackConfig(stack.stateDir(),
          Map.of(StackSettings.CLEAN, false)));
      assertThat(second).as("ports are kept across a restart").isEqualTo(first);
      assertThat(consumeAll(second, "restart-it")).containsExactly("kept");
      assertThat(new RegistryClient(second.schemaRegistryUrl()).get("/schemas/ids/" + schemaId).statusCode())
          .isEqualTo(200);
      try (CqlSession session = CassandraServerIT.connect(second)) {
        assertThat(session.execute("SELECT v FROM restart_it.t WHERE k = 'k'").one().getString("v")).isEqualTo("kept");
      }

      keepsSchemasAcrossARegistryCrash(stack, second, schemaId);
    } finally {
      stack.down(true);
    }
  }

  /**
   * A registry killed right after it answered a registration still knows that schema by the same id
   * when it comes back, and gives the next schema a new id: ids on the topic never change meaning.
   */
  private void keepsSchemasAcrossARegistryCrash(LocalStack stack, StackEndpoints endpoints, int earlierId)
      throws Exception {
    RegistryClient registry = new RegistryClient(endpoints.schemaRegistryUrl());
    String justRegistered = "{\"type\":\"record\",\"name\":\"Crash\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
    int crashId = RegistryClient.idOf(registry.register("crash-it-value", justRegistered));
    ServerStatus registryStatus = stack.status().stream().filter(s -> s.name().equals("registry")).findFirst()
        .orElseThrow();
    ProcessHandle registryProcess = ProcessHandle.of(registryStatus.pid()).orElseThrow();
    registryProcess.destroyForcibly();
    registryProcess.onExit().get();

    StackEndpoints restarted = stack.up(LocalStackExtension.testStackConfig(stack.stateDir(),
        Map.of(StackSettings.CLEAN, false)));
    RegistryClient after = new RegistryClient(restarted.schemaRegistryUrl());
    assertThat(after.get("/schemas/ids/" + crashId).body()).as("the schema registered just before SIGKILL")
        .contains("Crash");
    assertThat(after.get("/schemas/ids/" + earlierId).statusCode()).isEqualTo(200);
    assertThat(after.get("/subjects").body()).contains("crash-it-value").contains("restart-it-value");
    int nextId = RegistryClient.idOf(after.register("crash-it-next-value", "{\"type\":\"long\"}"));
    assertThat(nextId).as("a new schema never reuses an id handed out before the crash")
        .isNotIn(earlierId, crashId);
  }

  /** The second node joins once the first answers; both then hold every row of a keyspace of replication 2. */
  @Test
  void twoCassandraNodesComeUpOneAfterTheOther() throws Exception {
    LocalStack stack = stack("two-cassandra-nodes");
    try {
      StackEndpoints endpoints = stack.up(LocalStackExtension.testStackConfig(stack.stateDir(),
          Map.of(StackSettings.CASSANDRA_NODES, 2)));
      assertThat(progress.stream().filter(line -> line.startsWith("cassandra-1 ready")
              || line.startsWith("Starting cassandra-2"))
          .map(line -> line.startsWith("Starting") ? "cassandra-2 started" : "cassandra-1 ready"))
          .as(progress.toString()).containsExactly("cassandra-1 ready", "cassandra-2 started");
      try (CqlSession session = CassandraServerIT.connect(endpoints)) {
        session.execute("CREATE KEYSPACE two_nodes WITH replication = {'class':'SimpleStrategy','replication_factor':2}");
        session.execute("CREATE TABLE two_nodes.t (k text PRIMARY KEY, v text)");
        session.execute(SimpleStatement.newInstance("INSERT INTO two_nodes.t (k, v) VALUES ('k', 'on both')")
            .setConsistencyLevel(DefaultConsistencyLevel.ALL));
        assertThat(session.execute(SimpleStatement.newInstance("SELECT v FROM two_nodes.t WHERE k = 'k'")
            .setConsistencyLevel(DefaultConsistencyLevel.ALL)).one().getString("v")).isEqualTo("on both");
        assertThat(session.getMetadata().getNodes().values()).hasSize(2)
            .allSatisfy(node -> assertThat(node.getState()).isEqualTo(NodeState.UP));
      }
    } finally {
      stack.down(true);
    }
  }

  @Test
  void reportsAPortInUseAtOnceAndStartsNothing() throws Exception {
    LocalStack stack = stack("port-taken");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> stack.up(LocalStackExtension.testStackConfig(stack.stateDir(),
          Map.of(StackSettings.KAFKA_PORT, taken.getLocalPort()))))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("kafka-1")
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("already in use")
          .hasMessageContaining("--kafka-port");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
    assertThat(stack.status()).noneMatch(ServerStatus::up);
    stack.down(true);
  }

  @Test
  void reportsAServerThatDiesWhileStartingWithItsLastLogLines() {
    LocalStack stack = stack("crash");
    // A maximum heap below the initial one: the broker's JVM refuses to start.
    assertThatThrownBy(() -> stack.up(LocalStackExtension.testStackConfig(stack.stateDir(),
        Map.of(StackSettings.KAFKA_HEAP, "8m"))))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("kafka-1 exited with exit code 1 while starting")
        .hasMessageContaining(stack.stateDir().resolve("kafka-1/server.log").toString())
        .hasMessageContaining("heap");
    assertThat(stack.status()).as("the servers that did start were stopped").noneMatch(ServerStatus::up);
    stack.down(true);
  }

  private static void produce(StackEndpoints stack, String topic, String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static List<String> consumeAll(StackEndpoints stack, String topic) {
    List<String> values = new ArrayList<>();
    Topics.readAll(stack.kafkaBootstrapServers(), topic, new StringDeserializer(), new StringDeserializer())
        .forEach(r -> values.add(r.value()));
    return values;
  }
}
