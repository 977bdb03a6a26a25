package io.sluice.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.sluice.metrics.progress.BatchMetrics;
import io.sluice.metrics.progress.JobProgress;
import io.sluice.metrics.progress.ProgressFile;
import io.sluice.serde.DecodeException.Reason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobMetricsTest {

  private static BatchMetrics batch(long id, long rows, long late, long dead, String watermark) {
    return new BatchMetrics("campaign-stats", id, rows, 100, 200, 1_500, watermark, 40, late, dead, 1,
        new BatchMetrics.Phases(1, 2, 3, 4, 5), new BatchMetrics.StateWork(6, 7, 8, 1 << 20));
  }

  @Test
  void batchesAddUpInTheCountersAndTheGaugesShowTheLastOne(@TempDir Path dir) throws Exception {
    Path progress = dir.resolve("progress.jsonl");
    Instant watermark = Instant.now().minusSeconds(90);
    try (JobMetrics metrics = JobMetrics.create("campaign-stats", progress)) {
      metrics.started();
      metrics.batch(batch(0, 1_000, 2, 3, ""), 997, Map.of(Reason.WRONG_MAGIC_BYTE, 2L, Reason.CORRUPT_BODY, 1L));
      metrics.batch(batch(1, 500, 1, 0, watermark.toString()), 500, Map.of());
      metrics.upserted(List.of(250_000_000L, 1_000_000_000L));
      metrics.upsertFailed(new IllegalStateException("stands in for a driver error"));
      metrics.ended(null);

      String scrape = PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape());
      String job = "{sluice_job=\"campaign-stats\"}";
      assertThat(scrape).contains("sluice_batches_total" + job + " 2.0")
          .contains("sluice_input_rows_total" + job + " 1500.0")
          .contains("sluice_decoded_events_total" + job + " 1497.0")
          .contains("sluice_dead_letters_total{reason=\"wrong-magic-byte\",sluice_job=\"campaign-stats\"} 2.0")
          .contains("sluice_dead_letters_total{reason=\"corrupt-body\",sluice_job=\"campaign-stats\"} 1.0")
          .contains("sluice_dead_letters_total{reason=\"unknown-schema-id\",sluice_job=\"campaign-stats\"} 0.0")
          .contains("sluice_unknown_ad_events_total" + job + " 2.0")
          .contains("sluice_late_events_dropped_total" + job + " 3.0")
          .contains("sluice_batch_duration_seconds_bucket{sluice_job=\"campaign-stats\",le=\"2.5\"} 2")
          .contains("sluice_batch_duration_seconds_sum" + job + " 3.0")
          .contains("sluice_state_rows" + job + " 40.0")
          .contains("sluice_state_memory_bytes" + job + " 1048576.0")
          .contains("sluice_cassandra_upsert_duration_seconds_count" + job + " 2")
          .contains("sluice_cassandra_upsert_errors_total" + job + " 1.0");
      double lag = Double.parseDouble(scrape.lines().filter(l -> l.startsWith("sluice_watermark_lag_seconds"))
          .findFirst().orElseThrow().split(" ")[1]);
      assertThat(lag).isBetween(89.0, 120.0);
    }
    assertThat(ProgressFile.readAll(progress)).extracting(JobProgress::event).containsExactly(
        JobProgress.Event.STARTED, JobProgress.Event.BATCH, JobProgress.Event.BATCH, JobProgress.Event.STOPPED);
  }

  @Test
  void noWatermarkLagBeforeTheFirstWatermark(@TempDir Path dir) throws Exception {
    try (JobMetrics metrics = JobMetrics.create("campaign-stats", null)) {
      metrics.batch(batch(0, 10, 0, 0, ""), 10, Map.of());
      String scrape = PrometheusTextFormatWriter.create().toDebugString(metrics.registry().scrape());
      assertThat(scrape).doesNotContain("sluice_watermark_lag_seconds{");
    }
  }
}
