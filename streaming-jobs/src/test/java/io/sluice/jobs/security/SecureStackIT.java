package io.sluice.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import io.sluice.config.Config;
import io.sluice.config.KafkaAccessErrors;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.Secret;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.access.KafkaAccess;
import io.sluice.config.access.SluicePrincipal;
import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.Verdict;
import io.sluice.jobs.JobHarness;
import io.sluice.schemas.cql.CassandraAccessException;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.serde.RegistryClientProperties;
import io.sluice.serde.registry.SchemaRegistryClient;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.security.Login;
import io.sluice.stack.security.StackSecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a secure stack ({@code stack up --secure}): every principal does its part with only
 * the access it was given, each server refuses whoever should be refused, and no password shows in a
 * log or a command line. One secure stack serves the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackIT {

  private static final Path DIR = LocalStackExtension.testStateDir().resolve("secure");
  private static LocalStack stack;
  private static StackSecurity security;
  private static StackEndpoints admin;
  private static final List<String> commandLinesSeen = new ArrayList<>();

  @BeforeAll
  static void startSecureStack() {
    stack = new LocalStack(DIR, line -> System.err.println("[secure stack] " + line));
    admin = stack.up(LocalStackExtension.testStackConfig(DIR, Map.of(StackSettings.SECURE, true)));
    security = stack.security().orElseThrow();
  }

  @AfterAll
  static void stopSecureStack() {
    if (stack != null) {
      stack.down(false);
    }
  }

  private static StackEndpoints as(SluicePrincipal principal) {
    return admin.withLogin(security.login(principal));
  }

  /** 'stack env' of a secure stack: the names scripts and independent clients rely on, an admin's login, https. */
  @Test
  @Order(0)
  void theEnvironmentOfASecureStackHasTheConventionalNames() {
    Map<String, String> env = admin.asEnvironment();
    assertThat(env).containsOnlyKeys("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "CASSANDRA_CONTACT_POINTS",
        "CASSANDRA_LOCAL_DC", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME",
        "KAFKA_SASL_PASSWORD", "KAFKA_SSL_CA_LOCATION", "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD",
        "CASSANDRA_SSL_CA_LOCATION", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "SCHEMA_REGISTRY_SSL_CA_LOCATION");
    assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
        .containsEntry("KAFKA_SASL_USERNAME", SluicePrincipal.ADMIN.username())
        .containsEntry("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", SluicePrincipal.ADMIN.username() + ":"
            + env.get("KAFKA_SASL_PASSWORD"));
    assertThat(env.get("SCHEMA_REGISTRY_URL")).startsWith("https://");
    assertThat(Path.of(env.get("KAFKA_SSL_CA_LOCATION"))).content().startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(stack.runningEndpoints()).contains(admin);
    assertThat(admin.toString()).doesNotContain(env.get("KAFKA_SASL_PASSWORD"));
  }

  /**
   * The sample through the secure stack, each step as its own principal: the migrator creates the
   * schema and grants the job and dashboard roles, the producer replays, the job aggregates, and the
   * dashboard role reads exactly the expected rows.
   */
  @Test
  @Order(1)
  void theSampleReplayedThroughTheSecureStackGivesExactlyTheExpectedRows() throws Exception {
    JobHarness pipeline = new JobHarness(as(SluicePrincipal.JOB), "secure");
    try (Admin kafka = Admin.create(new HashMap<>(KafkaClientProperties.of(admin.kafka())))) {
      KafkaAccess.grant(kafka, pipeline.topic, pipeline.topic + ".dlq", 2);
    }
    JobHarness migrator = pipeline.as(as(SluicePrincipal.MIGRATOR));
    migrator.sluice("migrate", "--cassandra-keyspace", pipeline.keyspace,
        "--cassandra-grant-writer", SluicePrincipal.JOB.username(),
        "--cassandra-grant-reader", SluicePrincipal.DASHBOARD.username());
    migrator.seedSampleCampaigns();
    pipeline.as(as(SluicePrincipal.PRODUCER)).replay(JobHarness.SAMPLES.resolve("events.jsonl"));

    // The job role may not create a keyspace: it requires the migrator's, as in a deployment.
    Process job = pipeline.startJob("campaign-stats", "--trigger", "available-now", "--cassandra-schema", "require");
    // While the job runs: no process of this machine shows a password in its command line.
    Thread.sleep(3000);
    ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(commandLinesSeen::add));
    assertThat(job.waitFor(5, TimeUnit.MINUTES)).as("job finished; log %s", pipeline.jobLog("campaign-stats"))
        .isTrue();
    assertThat(job.exitValue()).as("job exit code; log %s", pipeline.jobLog("campaign-stats")).isZero();

    JobHarness dashboard = pipeline.as(as(SluicePrincipal.DASHBOARD));
    assertThat(dashboard.rows("campaign_window_counts", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
    Verdict verdict = new Verdict().minuteStats("campaign_minute_stats", dashboard.rows("campaign_minute_stats",
        AggregateTables.MINUTE_STATS_COLUMNS), JobHarness.expected("campaign_minute_stats.csv"));
    assertThat(verdict.problems()).isEmpty();

    // Least privilege: the dashboard role may not write, the producer may not read the events.
    try (CqlSession session = CassandraSessions.open(as(SluicePrincipal.DASHBOARD).cassandra())) {
      assertThatThrownBy(() -> session.execute("INSERT INTO " + pipeline.keyspace + ".ads (ad_id, campaign_id)"
          + " VALUES ('x', 'y')")).isInstanceOf(UnauthorizedException.class)
          .hasMessageContaining(SluicePrincipal.DASHBOARD.username()).hasMessageContaining("MODIFY");
    }
    Map<String, Object> producerProps = new HashMap<>(KafkaClientProperties.of(as(SluicePrincipal.PRODUCER).kafka()));
    producerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(producerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      // No consumer group: the fetch itself needs READ on the topic, which only the job has.
      consumer.assign(List.of(new TopicPartition(pipeline.topic, 0)));
      Throwable refusal = catchFailure(() -> consumer.poll(Duration.ofSeconds(10)));
      assertThat(refusal).isInstanceOf(TopicAuthorizationException.class);
      assertThat(KafkaAccessErrors.explain(refusal, producerProps)).hasValueSatisfying(message -> assertThat(message)
          .contains("Kafka at " + admin.kafkaBootstrapServers() + " does not allow User:sluice-producer")
          .contains("kafka.sasl.username"));
    }
    // The job run as the producer stops at once, on its first refusal (the CQL schema check), naming the
    // server, the principal and the setting.
    JobHarness producer = pipeline.as(as(SluicePrincipal.PRODUCER));
    Process refused = producer.startJob("campaign-stats", "--trigger", "available-now", "--cassandra-schema",
        "require", "--checkpoint-dir", Files.createTempDirectory("secure-producer-job").toString());
    assertThat(refused.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(refused.exitValue()).isNotZero();
    assertThat(Files.readString(producer.jobLog("campaign-stats")))
        .contains("not on a transient error: not restarted")
        .contains("Cassandra at " + admin.cassandraContactPoints() + " does not allow role '"
            + SluicePrincipal.PRODUCER.username() + "'").contains("cassandra.username");
  }

  @Test
  @Order(2)
  void kafkaRefusesAWrongPasswordNoCredentialsAndPlaintext() {
    Login producer = security.login(SluicePrincipal.PRODUCER);
    StackEndpoints wrongPassword = admin.withLogin(producer.withPassword(Secret.of("not-the-password")));
    Map<String, String> props = KafkaClientProperties.of(wrongPassword.kafka());
    assertThatThrownBy(() -> describeCluster(props)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    assertThat(KafkaAccessErrors.explain(catchFailure(() -> describeCluster(props)), props))
        .hasValueSatisfying(message -> assertThat(message).contains("refused the login of User:sluice-producer")
            .contains("kafka.sasl.password"));

    Map<String, String> noLogin = new HashMap<>(props);
    noLogin.remove("sasl.jaas.config");
    noLogin.remove("sasl.mechanism");
    noLogin.put("security.protocol", "SSL");
    assertThatThrownBy(() -> describeCluster(noLogin)).isNotNull();

    Map<String, String> plaintext = Map.of("bootstrap.servers", admin.kafkaBootstrapServers());
    assertThatThrownBy(() -> describeCluster(plaintext)).isNotNull();
  }

  @Test
  @Order(3)
  void cassandraRefusesAWrongPasswordNoCredentialsAndPlaintext() {
    Login job = security.login(SluicePrincipal.JOB);
    assertThatThrownBy(() -> CassandraSessions.open(admin.withLogin(job.withPassword(Secret.of("wrong"))).cassandra()))
        .isInstanceOf(CassandraAccessException.class)
        .hasMessageContaining("refused the login of role 'sluice-job'").hasMessageContaining("cassandra.password");

    Map<Setting<?>, Object> noLogin = new HashMap<>(as(SluicePrincipal.JOB).settings());
    noLogin.remove(SharedSettings.CASSANDRA_USERNAME);
    noLogin.remove(SharedSettings.CASSANDRA_PASSWORD);
    assertThatThrownBy(() -> CassandraSessions.open(Config.of(SharedSettings.CASSANDRA, noLogin)))
        .isInstanceOf(CassandraAccessException.class).hasMessageContaining("cassandra.username");

    Map<Setting<?>, Object> plaintext = new HashMap<>(as(SluicePrincipal.JOB).settings());
    plaintext.remove(SharedSettings.CASSANDRA_SSL_CA_LOCATION);
    assertThatThrownBy(() -> CassandraSessions.open(Config.of(SharedSettings.CASSANDRA, plaintext)))
        .isInstanceOf(CassandraAccessException.class).hasMessageContaining("cassandra.ssl.ca.location");
  }

  /**
   * HTTPS only; a login is checked (by Keycloak) and a principal may do only its part: the producer
   * registers schemas, the job reads them, the dashboard has no registry login at all.
   */
  @Test
  @Order(4)
  void theRegistryRefusesAWrongPasswordNoCredentialsPlaintextAndAReaderThatWrites() {
    Schema schema = Schema.create(Schema.Type.STRING);
    String subject = "secure-it-value";
    Map<Setting<?>, Object> plainHttp = new HashMap<>(as(SluicePrincipal.PRODUCER).settings());
    plainHttp.put(SharedSettings.SCHEMA_REGISTRY_URL, admin.schemaRegistryUrl().replace("https://", "http://"));
    assertThatThrownBy(() -> registry(plainHttp).register(subject, schema)).isNotNull();

    Map<Setting<?>, Object> untrusted = new HashMap<>(as(SluicePrincipal.PRODUCER).settings());
    untrusted.remove(SharedSettings.SCHEMA_REGISTRY_SSL_CA_LOCATION);
    assertThatThrownBy(() -> registry(untrusted).register(subject, schema))
        .hasMessageContaining("schema.registry.ssl.ca.location");

    Map<Setting<?>, Object> wrongPassword = new HashMap<>(admin.withLogin(security.login(SluicePrincipal.PRODUCER)
        .withPassword(Secret.of("not-the-password"))).settings());
    assertThatThrownBy(() -> registry(wrongPassword).register(subject, schema))
        .hasMessageContaining("The schema registry at " + admin.schemaRegistryUrl())
        .hasMessageContaining("refused the login of user 'sluice-producer' (HTTP 401)")
        .hasMessageContaining("schema.registry.basic.auth.user.info")
        .hasMessageNotContaining("not-the-password");

    Map<Setting<?>, Object> noLogin = new HashMap<>(as(SluicePrincipal.PRODUCER).settings());
    noLogin.remove(SharedSettings.SCHEMA_REGISTRY_USER_INFO);
    assertThatThrownBy(() -> registry(noLogin).register(subject, schema)).hasMessageContaining("HTTP 401")
        .hasMessageContaining("schema.registry.basic.auth.user.info");
    assertThatThrownBy(() -> RegistryClientProperties.client(as(SluicePrincipal.DASHBOARD).registry()).schemaById(1))
        .hasMessageContaining("refused the login of user 'sluice-dashboard' (HTTP 401)");

    SchemaRegistryClient producer = RegistryClientProperties.client(as(SluicePrincipal.PRODUCER).registry());
    int id = producer.register(subject, schema);
    SchemaRegistryClient job = RegistryClientProperties.client(as(SluicePrincipal.JOB).registry());
    assertThat(job.schemaById(id)).isEqualTo(schema);
    assertThatThrownBy(() -> job.register("secure-it-job-value", schema))
        .hasMessageContaining("does not allow user 'sluice-job'").hasMessageContaining("HTTP 403");
  }

  private static SchemaRegistryClient registry(Map<Setting<?>, Object> settings) {
    return RegistryClientProperties.client(Config.of(SharedSettings.SCHEMA_REGISTRY, settings));
  }

  /** Runs last: every log of this class's run, and every command line seen while the job ran. */
  @Test
  @Order(5)
  void noPasswordShowsInAnyLogOrCommandLine() throws IOException {
    List<String> secrets = new ArrayList<>();
    for (SluicePrincipal principal : SluicePrincipal.values()) {
      secrets.add(security.login(principal).password().reveal());
    }
    secrets.add(security.keystorePassword().reveal());
    assertThat(commandLinesSeen).as("command lines seen while the job ran").isNotEmpty();
    for (String line : commandLinesSeen) {
      for (String secret : secrets) {
        assertThat(line).as("a command line").doesNotContain(secret);
      }
    }
    List<Path> logs = new ArrayList<>();
    for (Path dir : List.of(DIR, JobHarness.LOGS)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".jsonl")).forEach(logs::add);
      }
    }
    assertThat(logs).as("logs of the servers and the jobs")
        .anyMatch(f -> f.toString().contains("kafka-1")).anyMatch(f -> f.toString().contains("cassandra-1"))
        .anyMatch(f -> f.toString().contains("registry")).anyMatch(f -> f.toString().contains("keycloak"))
        .anyMatch(f -> f.toString().contains("campaign-stats"));
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertThat(text).as("log %s", log).doesNotContain(secret);
      }
    }
  }

  private static void describeCluster(Map<String, String> props) throws Exception {
    Map<String, Object> config = new HashMap<>(props);
    config.put("default.api.timeout.ms", 8000);
    config.put("request.timeout.ms", 4000);
    try (Admin client = Admin.create(config)) {
      client.describeCluster(new DescribeClusterOptions().timeoutMs(8000)).nodes().get(10, TimeUnit.SECONDS);
    }
  }

  private interface Failing {
    void run() throws Exception;
  }

  private static Throwable catchFailure(Failing action) {
    try {
      action.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("did not fail");
  }
}
