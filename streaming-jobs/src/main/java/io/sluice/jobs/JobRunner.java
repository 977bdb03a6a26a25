package io.sluice.jobs;

import io.sluice.config.Config;
import io.sluice.config.SharedSettings;
import io.sluice.jobs.decode.CheckpointSchemaArchive;
import io.sluice.jobs.decode.DecodeRecords;
import io.sluice.jobs.enrich.AddCampaigns;
import io.sluice.jobs.metrics.BatchMetricsListener;
import io.sluice.jobs.metrics.JobCounters;
import io.sluice.jobs.metrics.JobMetrics;
import io.sluice.jobs.sink.CassandraUpsertSink;
import io.sluice.jobs.sink.SinkTables;
import io.sluice.jobs.source.KafkaSource;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link StreamingJob}: Kafka source, decoding with dead letters ({@code decode}), campaign
 * lookup ({@code enrich}) and watermark ({@link EventStream}), the job's aggregation (which
 * deduplicates by event id within each window, see {@link io.sluice.jobs.window.WindowedCounts}),
 * and upserts into Cassandra in Update mode, with metrics per micro-batch. The master comes from
 * spark-submit, never from here.
 */
public final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final StreamingJob job;
  private final Config config;
  private final JobMetrics jobMetrics;
  private BatchMetricsListener metrics;

  public JobRunner(StreamingJob job, Config config, JobMetrics jobMetrics) {
    this.job = job;
    this.config = config;
    this.jobMetrics = jobMetrics;
  }

  /** Starts the query; it runs until stopped, or, with the available-now trigger, until the topic is drained. */
  public StreamingQuery start(SparkSession spark) throws TimeoutException {
    String checkpoint = JobSettings.checkpointDir(config, job.name());
    JobEndpoints endpoints = JobEndpoints.from(config,
        CheckpointSchemaArchive.qualified(checkpoint, spark.sparkContext().hadoopConfiguration()));
    SinkTables.prepare(config);
    spark.conf().set("spark.sql.shuffle.partitions", config.get(JobSettings.SHUFFLE_PARTITIONS));
    spark.conf().set("spark.sql.session.timeZone", "UTC");

    JobCounters counters = JobCounters.register(spark.sparkContext(), job.name());
    metrics = new BatchMetricsListener(job.name(), counters, jobMetrics);
    spark.streams().addListener(metrics);

    EventStream events = new EventStream(KafkaSource.read(spark, config),
        new DecodeRecords(endpoints, counters.decoded(), counters.deadLetters()),
        new AddCampaigns(endpoints, counters.unknownAds()),
        config.get(JobSettings.ALLOWED_LATENESS));

    LOG.info("Starting {}: topic {} at {}, checkpoint {}, trigger {}, sink keyspace {} at {}", job.name(),
        config.get(SharedSettings.TOPIC), endpoints.kafkaBootstrapServers(), checkpoint,
        config.get(JobSettings.TRIGGER), endpoints.keyspace(), endpoints.cassandraContactPoints());
    return job.aggregate(events, counters.late()).writeStream()
        .queryName(job.name())
        .outputMode("update")
        .option("checkpointLocation", checkpoint)
        .trigger(KafkaSource.trigger(config))
        .foreachBatch(new CassandraUpsertSink(endpoints, job.upserts(), counters.upsertNanos(), jobMetrics))
        .start();
  }

  /** Runs the job to its end (for available-now) or until the query fails or is stopped. */
  public void run(SparkSession spark) throws TimeoutException, StreamingQueryException {
    StreamingQuery query = null;
    try {
      query = start(spark);
      query.awaitTermination();
    } finally {
      // A supervised restart runs a new JobRunner in the same session; its listener alone reports the batches.
      if (metrics != null) {
        if (query != null) {
          awaitLastReports();
        }
        spark.streams().removeListener(metrics);
      }
    }
  }

  private void awaitLastReports() {
    try {
      metrics.awaitTermination(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
