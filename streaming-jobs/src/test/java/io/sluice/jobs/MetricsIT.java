package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metrics.progress.BatchMetrics;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.process.Ports;
import io.sluice.stack.prometheus.PrometheusServer;
import io.sluice.stack.prometheus.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running job serves its metrics on /metrics: the sample replay (and a few undecodable records)
 * shows up there exactly, promtool finds nothing to fault in the scrape, and a real Prometheus
 * server scraping the job answers a query for its input rate.
 */
@ExtendWith(LocalStackExtension.class)
class MetricsIT {

  private static final String JOB = "campaign-window-counts";
  private static final String LABEL = "{sluice_job=\"" + JOB + "\"}";

  @Test
  void aRunningJobServesExactMetricsThatPrometheusScrapesAndQueries(StackEndpoints stack, @TempDir Path tmp)
      throws Exception {
    JobHarness pipeline = new JobHarness(stack, "metrics");
    pipeline.seedSampleCampaigns();
    int port = Ports.ephemeral("127.0.0.1");
    Process job = pipeline.startJob(JOB, "--metrics-port", Integer.toString(port), "--trigger", "1s");
    try (PrometheusServer prometheus = PrometheusServer.start(tmp.resolve("prometheus"), "sluice",
        List.of("127.0.0.1:" + port))) {
      await("the job's first scrape by Prometheus", () -> prometheus.query("up{job=\"sluice\"} == 1").size() == 1);

      Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
      long events = Files.readAllLines(sample).stream().filter(l -> !l.isBlank()).count();
      pipeline.replay(sample);
      writeUndecodable(stack, pipeline.topic, new byte[] {0, 0, 1}, new byte[] {0x7b, 1, 2, 3, 4, 5},
          new byte[] {0x7b, 9, 9, 9, 9, 9});
      long records = events + 3;
      // The batch after the one that reads an event time is the first with a watermark past it.
      await("the job to read every record, and a watermark", () -> pipeline.batchesReported(JOB).stream()
          .mapToLong(BatchMetrics::inputRows).sum() == records
          && pipeline.batchesReported(JOB).stream().anyMatch(b -> !b.watermark().isEmpty()));
      List<BatchMetrics> batches = pipeline.batchesReported(JOB);

      String scrape = get("http://127.0.0.1:" + port + "/metrics");
      assertThat(value(scrape, "sluice_input_rows_total" + LABEL)).isEqualTo(records);
      assertThat(value(scrape, "sluice_decoded_events_total" + LABEL)).isEqualTo(events);
      assertThat(value(scrape, "sluice_dead_letters_total{reason=\"wrong-magic-byte\",sluice_job=\"" + JOB + "\"}"))
          .isEqualTo(2);
      assertThat(value(scrape, "sluice_dead_letters_total{reason=\"truncated-header\",sluice_job=\"" + JOB + "\"}"))
          .isEqualTo(1);
      assertThat(value(scrape, "sluice_dead_letters_total{reason=\"corrupt-body\",sluice_job=\"" + JOB + "\"}"))
          .isZero();
      assertThat(value(scrape, "sluice_unknown_ad_events_total" + LABEL))
          .isEqualTo(batches.stream().mapToLong(BatchMetrics::unknownAds).sum());
      assertThat(value(scrape, "sluice_late_events_dropped_total" + LABEL))
          .isEqualTo(batches.stream().mapToLong(BatchMetrics::droppedAsLate).sum());
      assertThat(value(scrape, "sluice_batch_duration_seconds_count" + LABEL))
          .isGreaterThanOrEqualTo(batches.size());
      assertThat(value(scrape, "sluice_cassandra_upsert_duration_seconds_count" + LABEL)).isPositive();
      assertThat(value(scrape, "sluice_cassandra_upsert_errors_total" + LABEL)).isZero();
      assertThat(value(scrape, "sluice_state_rows" + LABEL)).isPositive();
      // The sample's events are from the past: the watermark trails the clock by far more than a minute.
      assertThat(value(scrape, "sluice_watermark_lag_seconds" + LABEL)).isGreaterThan(60);
      assertThat(value(scrape, "sluice_last_batch_completed_timestamp_seconds" + LABEL))
          .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(120.0));
      assertThat(scrape).as("Spark's own metrics").containsPattern("(?m)^spark_\\w+")
          .as("the JVM's").containsPattern("(?m)^jvm_memory_used_bytes");

      Promtool.Verdict verdict = Promtool.checkMetrics(scrape);
      assertThat(verdict.passed()).as("promtool check metrics:%n%s", verdict.output()).isTrue();

      await("Prometheus to have scraped every record", () -> {
        JsonNode total = prometheus.query("sluice_input_rows_total" + LABEL);
        return total.size() == 1 && Double.parseDouble(total.get(0).path("value").get(1).asText()) == records;
      });
      JsonNode rate = prometheus.query("rate(sluice_input_rows_total" + LABEL + "[1m])");
      assertThat(rate).as("the input rate series").hasSize(1);
      assertThat(Double.parseDouble(rate.get(0).path("value").get(1).asText())).as("input rate").isPositive();
    } finally {
      job.destroy();
      job.waitFor();
    }
  }

  private static void writeUndecodable(StackEndpoints stack, String topic, byte[]... values) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  /** The value of the sample {@code series} (name and labels as the exposition writes them). */
  static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no series " + series + " in the scrape:\n" + scrape);
  }

  static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return response.body();
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.call()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Timed out waiting for " + what);
  }
}
