package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.events.AdEvent;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.serde.AvroSerdeConfig;
import io.sluice.serde.ConfluentAvroDeserializer;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.junit.Topics;
import io.sluice.stack.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images' entry points, run here without Docker, with the environment of the rendered dev
 * manifest pointed at the local stack: the setup applies the schema and seeds the campaigns, the
 * producer publishes, the job (on local[2], as the dev profile runs it) writes every view to Cassandra.
 */
@ExtendWith(LocalStackExtension.class)
class EntrypointsIT {

  private static final Path ROOT = Deployment.ROOT;
  private static final int EVENTS = 20_000;

  @TempDir
  Path tmp;

  private final List<Process> started = new ArrayList<>();

  @Test
  void theDevManifestsAppsRunThroughTheImagesEntryPointsAgainstTheLocalStack(StackEndpoints stack) throws Exception {
    Map<String, JsonNode> apps = Deployment.apps(Deployment.MANIFESTS.render("dev"));
    String run = "entrypoints-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> local = new HashMap<>(stack.asEnvironment());
    local.put("SLUICE_TOPIC", run);
    local.put("SLUICE_CASSANDRA_KEYSPACE", run.replace('-', '_'));
    local.put("SLUICE_CAMPAIGNS", ROOT.resolve("samples/campaigns.csv").toString());
    local.put("SLUICE_LIB", ingestLib().toString());
    Path setupDone = tmp.resolve("setup.done");
    local.put("SLUICE_SETUP_DONE_FILE", setupDone.toString());
    local.put("SLUICE_HEARTBEAT_FILE", tmp.resolve("generate.heartbeat").toString());
    try {
      Process setup = entrypoint("ingest", apps.get("/sluice/setup"), local, Map.of());
      awaitFile(setupDone, setup, 180);
      assertThat(healthCheck(apps.get("/sluice/setup"), local)).as("setup reports healthy once done").isZero();
      setup.destroy();
      Files.delete(setupDone);

      Process producer = entrypoint("ingest", apps.get("/sluice/producer"), local,
          Map.of("SLUICE_COUNT", Integer.toString(EVENTS), "SLUICE_RATE", "0"));
      assertThat(producer.waitFor(3, TimeUnit.MINUTES)).isTrue();
      assertThat(producer.exitValue()).as(log("producer")).isZero();
      assertThat(healthCheck(apps.get("/sluice/producer"), local)).as("a producer that just sent is healthy").isZero();

      Process job = entrypoint("jobs", apps.get("/sluice/campaign-stats"), local, Map.of(
          "SPARK_HOME", sparkHome().toString(),
          "SLUICE_APP_JAR", appJar().toString(),
          "SLUICE_JVM_FLAGS_FILE", ROOT.resolve("streaming-jobs/target/spark-jvm-flags.txt").toString(),
          "SLUICE_CHECKPOINT_DIR", tmp.resolve("checkpoint").toString(),
          "SLUICE_TRIGGER", "available-now",
          "SPARK_LOCAL_IP", "127.0.0.1"));
      assertThat(job.waitFor(5, TimeUnit.MINUTES)).as(log("jobs")).isTrue();
      assertThat(job.exitValue()).as(log("jobs")).isZero();

      // The dashboard on the port Marathon would give it, answering its health check and its queries.
      JsonNode dashboardApp = apps.get("/sluice/dashboard");
      int port = Ports.ephemeral("127.0.0.1");
      Map<String, String> dashboardEnv = new HashMap<>(local);
      dashboardEnv.put("SLUICE_LIB", lib("dashboard", "sluice-dashboard-.*\\.jar").toString());
      // The job has ended: its metrics endpoint is down, which the health answer says.
      dashboardEnv.put("SLUICE_JOB_METRICS", "http://127.0.0.1:1/metrics");
      entrypoint("dashboard", dashboardApp, dashboardEnv, Map.of("PORT_HTTP", Integer.toString(port)));
      String base = "http://127.0.0.1:" + port;
      JsonNode check = dashboardApp.path("healthChecks").get(0);
      awaitHttp200(base + check.path("path").asText(), 60);
      assertThat(get(base + "/api/health")).as("it reads Cassandra and tells the job's endpoint is down")
          .contains("\"endpoint\":\"http://127.0.0.1:1/metrics\",\"up\":false");
      assertThat(get(base + "/")).as("the page").contains("<title>Sluice dashboard</title>");
    } finally {
      for (Process process : started) {
        process.destroyForcibly().waitFor();
      }
    }

    assertThat(viewsInCassandra(stack, local.get("SLUICE_CASSANDRA_KEYSPACE")))
        .as("every distinct view the producer sent is counted once").isEqualTo(distinctViews(stack, run));
  }

  /** Runs an image's entry point as its app would: the app's args and env, pointed at the local stack. */
  private Process entrypoint(String image, JsonNode app, Map<String, String> local, Map<String, String> test)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of(ROOT.resolve("docker").resolve(image).resolve("entrypoint.sh")
        .toString()));
    argv.addAll(Deployment.strings(app.path("args")));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(image).toFile()));
    builder.environment().putAll(environment(app, local));
    builder.environment().putAll(test);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private int healthCheck(JsonNode app, Map<String, String> local) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("docker/ingest/healthcheck.sh").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile("health").toFile()));
    builder.environment().putAll(environment(app, local));
    Process check = builder.start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return check.exitValue();
  }

  /**
   * The manifests' logins and TLS settings (secret files, CA and key locations, principals): the
   * local stack this runs against is plaintext, so they are left out. SecureDeploymentTest and
   * EnvironmentTest check them; grant-access is GrantAccessCommandTest's.
   */
  private static final Pattern SECURITY = Pattern.compile(
      "KAFKA_SECURITY_PROTOCOL|KAFKA_SASL_USERNAME|CASSANDRA_USERNAME|SLUICE_SETUP_SECURE|.*_FILE|.*_LOCATION");

  /**
   * The app's environment, its Mesos-DNS addresses replaced by the local stack's; secrets and the
   * security settings are left out.
   */
  private static Map<String, String> environment(JsonNode app, Map<String, String> local) {
    Map<String, String> env = new HashMap<>();
    Deployment.env(app).forEach((name, value) -> {
      if (!value.startsWith("secret:") && !SECURITY.matcher(name).matches()) {
        env.put(name, value);
      }
    });
    env.keySet().stream().filter(local::containsKey).toList().forEach(name -> env.put(name, local.get(name)));
    local.forEach(env::putIfAbsent);
    assertThat(Deployment.mesosDnsHosts(String.join(" ", env.values()))).as("nothing still points at the cluster")
        .isEmpty();
    return env;
  }

  /** The producer image's lib/: the ingest jar and its dependencies in one folder. */
  private Path ingestLib() throws IOException {
    return lib("ingest", "sluice-ingest-.*\\.jar");
  }

  /** An image's lib/, as its Dockerfile lays it out: a module's jar and its dependencies in one folder. */
  private Path lib(String module, String jarName) throws IOException {
    Path lib = Files.createDirectories(tmp.resolve(module + "-lib"));
    try (Stream<Path> jars = Stream.concat(Files.list(ROOT.resolve(module + "/target/lib")),
        Files.list(ROOT.resolve(module + "/target")).filter(f -> f.getFileName().toString().matches(jarName)))) {
      for (Path jar : jars.toList()) {
        Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toAbsolutePath());
      }
    }
    return lib;
  }

  /**
   * A Spark home for the entry point: Spark's jars from Maven Central, and a bin/spark-submit that
   * stands in for the distribution's script (not on Maven Central). Like the real one, it runs
   * SparkSubmit with Spark's Java 17 module flags.
   */
  private Path sparkHome() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("spark-home/bin")).getParent();
    Files.createSymbolicLink(home.resolve("jars"), ROOT.resolve("stack/servers/spark/target/lib"));
    Path submit = home.resolve("bin/spark-submit");
    Files.writeString(submit, "#!/usr/bin/env sh\n"
        + "exec java $(cat '" + ROOT.resolve("streaming-jobs/target/spark-jvm-flags.txt") + "') -Xmx1g"
        + " -cp \"$SPARK_HOME/jars/*\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    submit.toFile().setExecutable(true);
    return home;
  }

  private static Path appJar() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("streaming-jobs/target"))) {
      return files.filter(f -> f.getFileName().toString().endsWith("-app.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no application jar: run mvn package"));
    }
  }

  private static long viewsInCassandra(StackEndpoints stack, String keyspace) {
    long views = 0;
    try (CqlSession session = CassandraSessions.open(stack.cassandra())) {
      for (Row row : session.execute("SELECT views FROM " + keyspace + ".campaign_window_counts")) {
        views += row.getLong("views");
      }
    }
    return views;
  }

  private static long distinctViews(StackEndpoints stack, String topic) {
    Set<String> views = new HashSet<>();
    ConfluentAvroDeserializer<AdEvent> values = new ConfluentAvroDeserializer<>();
    values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
        AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
    List<ConsumerRecord<String, AdEvent>> records = Topics.readAll(stack.kafkaBootstrapServers(), topic,
        new StringDeserializer(), values);
    for (ConsumerRecord<String, AdEvent> record : records) {
      if (record.value().getEventType().toString().equals("view")) {
        views.add(record.value().getEventId().toString());
      }
    }
    assertThat(records.size()).isGreaterThanOrEqualTo(EVENTS);
    return views.size();
  }

  private static void awaitHttp200(String url, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        if (send(url).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // starting
      }
      assertThat(System.nanoTime()).as(url + " answers 200 within " + seconds + " s; " + log("dashboard"))
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = send(url);
    assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> send(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitFile(Path file, Process owner, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!Files.exists(file)) {
      assertThat(owner.isAlive()).as("setup still running; " + log("ingest")).isTrue();
      assertThat(System.nanoTime()).as("setup done within " + seconds + " s").isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private Path logFile(String name) {
    return logDir().resolve("entrypoints-" + name + ".log");
  }

  private static Path logDir() {
    try {
      return Files.createDirectories(ROOT.resolve("deploy/target/it-logs"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String log(String name) {
    return "see " + logDir().resolve("entrypoints-" + name + ".log");
  }
}
