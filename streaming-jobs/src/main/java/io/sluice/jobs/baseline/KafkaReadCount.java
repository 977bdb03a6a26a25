package io.sluice.jobs.baseline;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.SharedSettings;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.jobs.JobSettings;
import io.sluice.jobs.checkpoint.LocalFileSystems;
import io.sluice.jobs.metrics.BatchMetricsListener;
import io.sluice.jobs.metrics.JobCounters;
import io.sluice.jobs.metrics.JobMetrics;
import io.sluice.jobs.source.KafkaSource;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the topic and counts its records, nothing more: no decoding, state or sink. It is the
 * ceiling any Spark job can reach on this machine, the reference of {@code sluice bench throughput}.
 */
public final class KafkaReadCount implements Command {

  public static final String NAME = "kafka-read-count";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "Baseline: read the topic and count records, without decoding or writing (benchmark reference).";
  }

  @Override
  public ConfigDef settings() {
    return ConfigDef.of(SharedSettings.TOPIC).with(SharedSettings.KAFKA).with(JobSettings.STARTING_OFFSETS,
        JobSettings.MAX_OFFSETS_PER_TRIGGER, JobSettings.TRIGGER, JobSettings.CHECKPOINT_DIR, JobSettings.PROGRESS_FILE);
  }

  @Override
  public int run(Invocation inv) throws Exception {
    Config config = inv.config();
    SparkSession spark = LocalFileSystems.configure(SparkSession.builder().appName("sluice " + NAME)).getOrCreate();
    String progress = config.get(JobSettings.PROGRESS_FILE);
    try (JobMetrics metrics = JobMetrics.create(NAME, progress == null ? null : Path.of(progress))) {
      // The same per-batch progress as the jobs, so a benchmark reads both alike.
      spark.streams().addListener(new BatchMetricsListener(NAME, JobCounters.register(spark.sparkContext(), NAME),
          metrics));
      KafkaSource.read(spark, config).writeStream()
          .queryName(NAME)
          .format("noop")
          .option("checkpointLocation", JobSettings.checkpointDir(config, NAME))
          .trigger(KafkaSource.trigger(config))
          .start()
          .awaitTermination();
    } finally {
      spark.stop();
    }
    return 0;
  }
}
