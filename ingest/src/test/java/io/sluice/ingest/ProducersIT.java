package io.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.cli.Cli;
import io.sluice.events.AdEvent;
import io.sluice.ingest.cli.IngestCommands;
import io.sluice.schemas.AdEventSchemas;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.serde.AvroSerdeConfig;
import io.sluice.serde.ConfluentAvroDeserializer;
import io.sluice.serde.registry.SchemaRegistryClient;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.junit.Topics;
import io.sluice.stack.process.Ports;
import io.sluice.stack.prometheus.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The producing commands, run as a user runs them, against the real local stack. */
@ExtendWith(LocalStackExtension.class)
class ProducersIT {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs a command with the stack's endpoints in the environment, as after eval "$(sluice stack env)". */
  private int sluice(StackEndpoints stack, String... args) {
    return new Cli(IngestCommands.group(), stack.asEnvironment(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void generatePublishesEveryEventKeyedByAdWithItsDuplicates(StackEndpoints stack) {
    String topic = "generate-it-" + UUID.randomUUID();
    assertThat(sluice(stack, "generate", "--topic", topic, "--count", "5000", "--rate", "0",
        "--duplicate-share", "0.02", "--seed", "5")).as(err()).isZero();

    List<ConsumerRecord<String, AdEvent>> records = readAll(stack, topic);
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.value().getEventId()));
    assertThat(ids).hasSize(5000);
    assertThat(records.size() - 5000).isBetween(60, 140);
    assertThat(records).allMatch(r -> r.key().equals(r.value().getAdId()));
    assertThat(err()).contains("5000 distinct");
  }

  @Test
  void replayPublishesAFileAndStopsAtTheFirstBadLineWithItsLocation(StackEndpoints stack) throws Exception {
    Path file = tmp.resolve("events.jsonl");
    assertThat(sluice(stack, "generate", "--count", "100", "--start-time", "2026-01-01T00:00:00Z",
        "--duplicate-share", "0", "--output", file.toString())).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.add(40, "{\"event_id\":\"broken\"}");
    lines.add(70, "not json at all");
    Files.write(file, lines);

    String stopped = "replay-it-stop-" + UUID.randomUUID();
    assertThat(sluice(stack, "replay", "--topic", stopped, file.toString())).isEqualTo(1);
    assertThat(err()).contains(file + ":41: missing field 'user_id'").contains("40 events before it were sent");
    assertThat(readAll(stack, stopped)).hasSize(40);

    String skipped = "replay-it-skip-" + UUID.randomUUID();
    err.reset();
    assertThat(sluice(stack, "replay", "--topic", skipped, "--skip-invalid", file.toString())).isZero();
    assertThat(err()).contains("2 invalid lines skipped").contains(file + ":71: not valid JSON");
    assertThat(readAll(stack, skipped)).hasSize(100);
  }

  @Test
  void replayOfVersion2LinesWritesVersion2Events(StackEndpoints stack) throws Exception {
    Path file = tmp.resolve("v2.jsonl");
    Files.writeString(file, "{\"event_id\":\"e1\",\"user_id\":\"u\",\"page_id\":\"p\",\"ad_id\":\"a\","
        + "\"ad_type\":\"mail\",\"event_type\":\"click\",\"event_time\":\"2026-01-01T00:00:00Z\","
        + "\"ip_address\":\"1.2.3.4\",\"country\":\"NL\"}\n");
    String topic = "replay-it-v2-" + UUID.randomUUID();

    assertThat(sluice(stack, "replay", "--topic", topic, file.toString())).isZero();

    List<ConsumerRecord<String, AdEvent>> records = readAll(stack, topic);
    assertThat(records).singleElement().satisfies(r -> assertThat(r.value().getEventId()).isEqualTo("e1"));
    SchemaRegistryClient registry = SchemaRegistryClient.builder(stack.schemaRegistryUrl()).build();
    int writerId = ByteBuffer.wrap(readRaw(stack, topic), 1, 4).getInt();
    assertThat(registry.schemaById(writerId)).isEqualTo(AdEventSchemas.V2);
  }

  @Test
  void seedCampaignsLoadsTheAdsTableAndASecondRunChangesNothing(StackEndpoints stack) throws Exception {
    Path csv = tmp.resolve("campaigns.csv");
    Files.writeString(csv, "ad_id,campaign_id\nad-x,camp-1\nad-y,camp-1\nad-z,camp-2\n");
    String keyspace = "seed_it";

    assertThat(sluice(stack, "seed-campaigns", "--cassandra-keyspace", keyspace, csv.toString())).as(err()).isZero();
    assertThat(sluice(stack, "seed-campaigns", "--cassandra-keyspace", keyspace, csv.toString())).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Loaded 3 ads of 2 campaigns");
    try (CqlSession session = CassandraSessions.open(stack.cassandra())) {
      Map<String, String> ads = new HashMap<>();
      session.execute("SELECT ad_id, campaign_id FROM " + keyspace + ".ads")
          .forEach(r -> ads.put(r.getString("ad_id"), r.getString("campaign_id")));
      assertThat(ads).isEqualTo(Map.of("ad-x", "camp-1", "ad-y", "camp-1", "ad-z", "camp-2"));
    }
  }

  @Test
  void anUnreachableRegistryFailsNamingItsUrl(StackEndpoints stack) {
    String url = "http://127.0.0.1:1/apis/ccompat/v7";
    assertThat(sluice(stack, "generate", "--count", "1", "--schema-registry-url", url)).isEqualTo(1);
    assertThat(err()).contains("Schema registry at " + url + " is unavailable");
  }

  private static byte[] readRaw(StackEndpoints stack, String topic) {
    return Topics.readAll(stack.kafkaBootstrapServers(), topic, new ByteArrayDeserializer(),
        new ByteArrayDeserializer()).get(0).value();
  }

  private static List<ConsumerRecord<String, AdEvent>> readAll(StackEndpoints stack, String topic) {
    ConfluentAvroDeserializer<AdEvent> values = new ConfluentAvroDeserializer<>();
    values.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
        AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
    return Topics.readAll(stack.kafkaBootstrapServers(), topic, new StringDeserializer(), values);
  }

  @Test
  void aRunningProducerServesItsMetricsToPrometheusConventions(StackEndpoints stack) throws Exception {
    String topic = "generate-metrics-it-" + UUID.randomUUID();
    int port = Ports.ephemeral("127.0.0.1");
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> sluice(stack, "generate", "--topic", topic, "--count", "6000", "--rate", "1000", "--seed", "7", "--duplicate-share", "0",
            "--metrics-port", Integer.toString(port)));
    String url = "http://127.0.0.1:" + port + "/metrics";
    String scrape = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && !run.isDone()) {
      try {
        String now = get(url);
        if (value(now, "sluice_producer_records_sent_total{command=\"generate\"}") > 0
            && value(now, "sluice_producer_records_per_second{command=\"generate\"}") > 0) {
          scrape = now;
          break;
        }
      } catch (IOException notYetListening) {
        // the command has not opened its endpoint yet
      }
      Thread.sleep(200);
    }
    assertThat(scrape).as("a scrape while generate sends").isNotNull();
    assertThat(run.get()).as("generate exit code: %s", err()).isZero();

    assertThat(value(scrape, "sluice_producer_records_sent_total{command=\"generate\"}")).isBetween(1.0, 6000.0);
    // Paced at 1,000 events/s: the rate over the last seconds is near it.
    assertThat(value(scrape, "sluice_producer_records_per_second{command=\"generate\"}")).isBetween(300.0, 3000.0);
    assertThat(value(scrape, "sluice_producer_send_errors_total{command=\"generate\"}")).isZero();
    assertThat(scrape).containsPattern("(?m)^jvm_threads_current ");
    Promtool.Verdict verdict = Promtool.checkMetrics(scrape);
    assertThat(verdict.passed()).as("promtool check metrics:%n%s", verdict.output()).isTrue();
    assertThat(readAll(stack, topic)).hasSize(6000);
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of {@code series} in a scrape; 0 when the scrape does not have it. */
  private static double value(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0])).orElse(0.0);
  }
}
