package io.sluice.jobs.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sluice.jobs.metrics.spark.SparkMetricsCollector;
import io.sluice.jobs.sink.CassandraUpsertSink;
import io.sluice.metrics.progress.BatchMetrics;
import io.sluice.metrics.progress.JobProgress;
import io.sluice.metrics.progress.ProgressFile;
import io.sluice.serde.DecodeException.Reason;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job process's metrics, fed batch by batch by {@link BatchMetricsListener} and the sink, and
 * kept across supervised restarts: the Prometheus metrics its endpoint serves and, when asked for,
 * its progress file, and Spark's own metrics. Every metric of its own carries the job's name as the
 * label {@code sluice_job} ({@code job} is the label Prometheus gives each scrape target).
 */
public final class JobMetrics implements AutoCloseable, CassandraUpsertSink.Timing {

  private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);
  private static final double[] BATCH_SECONDS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};
  private static final double[] UPSERT_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final String job;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Writer progress;
  private final Counter batches;
  private final Counter inputRows;
  private final Counter decoded;
  private final Counter deadLetters;
  private final Counter unknownAds;
  private final Counter late;
  private final Histogram batchDuration;
  private final Gauge inputRate;
  private final Gauge processedRate;
  private final Gauge stateRows;
  private final Gauge stateMemory;
  private final Gauge lastBatch;
  private final Histogram upsertDuration;
  private final Counter upsertErrors;
  /** Epoch millis of the watermark; Long.MIN_VALUE before the first one. */
  private final AtomicLong watermarkMillis = new AtomicLong(Long.MIN_VALUE);

  private JobMetrics(String job, Writer progress) {
    this.job = job;
    this.progress = progress;
    batches = counter("sluice_batches_total", "Micro-batches completed.");
    inputRows = counter("sluice_input_rows_total", "Kafka records read.");
    decoded = counter("sluice_decoded_events_total", "Records decoded into events.");
    deadLetters = Counter.builder().name("sluice_dead_letters_total")
        .help("Records that could not be decoded, sent to the dead-letter topic, by reason.")
        .labelNames("sluice_job", "reason").register(registry);
    for (Reason reason : Reason.values()) {
      deadLetters.labelValues(job, reason.code());
    }
    unknownAds = counter("sluice_unknown_ad_events_total", "Events dropped because their ad is not in the ads table.");
    late = counter("sluice_late_events_dropped_total", "Events dropped as later than the allowed lateness.");
    batchDuration = Histogram.builder().name("sluice_batch_duration_seconds")
        .help("Wall time of a micro-batch, from finding offsets to committing.").classicOnly()
        .classicUpperBounds(BATCH_SECONDS).labelNames("sluice_job").register(registry);
    inputRate = gauge("sluice_input_rows_per_second", "Records read per second of the last batch's trigger interval.");
    processedRate = gauge("sluice_processed_rows_per_second", "Records processed per second of the last batch.");
    stateRows = gauge("sluice_state_rows", "Rows in the job's state store after the last batch.");
    stateMemory = gauge("sluice_state_memory_bytes", "Memory the state store used after the last batch.");
    lastBatch = gauge("sluice_last_batch_completed_timestamp_seconds", "When the last micro-batch completed.");
    GaugeWithCallback.builder().name("sluice_watermark_lag_seconds")
        .help("Now less the event-time watermark, at scrape time; absent before the first watermark.")
        .labelNames("sluice_job").callback(callback -> {
          long watermark = watermarkMillis.get();
          if (watermark != Long.MIN_VALUE) {
            callback.call((System.currentTimeMillis() - watermark) / 1000.0, job);
          }
        }).register(registry);
    upsertDuration = Histogram.builder().name("sluice_cassandra_upsert_duration_seconds")
        .help("Time to write one partition's upserts of a micro-batch, from the first sent to the last"
            + " acknowledged.").classicOnly()
        .classicUpperBounds(UPSERT_SECONDS).labelNames("sluice_job").register(registry);
    upsertErrors = counter("sluice_cassandra_upsert_errors_total", "Micro-batches whose upserts Cassandra failed.");
    registry.register(new SparkMetricsCollector());
  }

  /** Metrics of {@code job}; with a {@code progressFile}, also its progress, one JSON line an event. */
  public static JobMetrics create(String job, Path progressFile) throws IOException {
    return new JobMetrics(job, progressFile == null ? null : ProgressFile.append(progressFile));
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  private Counter counter(String name, String help) {
    Counter counter = Counter.builder().name(name).help(help).labelNames("sluice_job").register(registry);
    counter.labelValues(job);
    return counter;
  }

  private Gauge gauge(String name, String help) {
    return Gauge.builder().name(name).help(help).labelNames("sluice_job").register(registry);
  }

  void started() {
    write(JobProgress.started(job));
  }

  /** One completed batch; {@code deadLettersByReason} and {@code decodedEvents} are its own, not totals. */
  void batch(BatchMetrics batch, long decodedEvents, Map<Reason, Long> deadLettersByReason) {
    batches.labelValues(job).inc();
    inputRows.labelValues(job).inc(batch.inputRows());
    decoded.labelValues(job).inc(decodedEvents);
    deadLettersByReason.forEach((reason, count) -> deadLetters.labelValues(job, reason.code()).inc(count));
    unknownAds.labelValues(job).inc(batch.unknownAds());
    late.labelValues(job).inc(batch.droppedAsLate());
    batchDuration.labelValues(job).observe(batch.durationMillis() / 1000.0);
    inputRate.labelValues(job).set(batch.inputRowsPerSecond());
    processedRate.labelValues(job).set(batch.processedRowsPerSecond());
    stateRows.labelValues(job).set(batch.stateRows());
    stateMemory.labelValues(job).set(batch.stateWork().memoryBytes());
    lastBatch.labelValues(job).set(System.currentTimeMillis() / 1000.0);
    if (!batch.watermark().isEmpty()) {
      watermarkMillis.set(Instant.parse(batch.watermark()).toEpochMilli());
    }
    write(JobProgress.batch(batch));
  }

  void ended(String error) {
    write(error == null ? JobProgress.stopped(job) : JobProgress.failed(job, error));
  }

  /** A micro-batch's upserts: how long each partition's writes took. */
  @Override
  public void upserted(List<Long> partitionNanos) {
    partitionNanos.forEach(nanos -> upsertDuration.labelValues(job).observe(nanos / 1e9));
  }

  /** A micro-batch whose upserts Cassandra failed. */
  @Override
  public void upsertFailed(Throwable cassandraError) {
    upsertErrors.labelValues(job).inc();
    LOG.warn("{}: upserts failed: {}", job, cassandraError.toString());
  }

  private void write(JobProgress event) {
    if (progress == null) {
      return;
    }
    try {
      synchronized (progress) {
        ProgressFile.write(progress, event);
      }
    } catch (IOException e) {
      // Progress is for onlookers; a full disk must not stop the job.
      LOG.warn("Cannot write the progress file: {}", e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    if (progress != null) {
      progress.close();
    }
  }
}
