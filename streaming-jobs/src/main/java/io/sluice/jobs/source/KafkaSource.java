package io.sluice.jobs.source;

import io.sluice.config.Config;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.SharedSettings;
import io.sluice.jobs.JobSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The Kafka source and trigger every query here uses, jobs and baselines alike, so that a
 * benchmark's reference reads exactly as the jobs do.
 */
public final class KafkaSource {

  /**
   * How long one offset lookup may wait. Spark's offset reader asks a Kafka Admin client, which
   * after a broker loss keeps calling the dead leader until this timeout (Kafka's default: 60 s)
   * and only then lets Spark retry with fresh metadata: the job stood still a minute per lost broker.
   * Kafka requires a request timeout no longer than this.
   */
  public static final int API_TIMEOUT_MS = 10_000;

  private KafkaSource() {
  }

  /** The raw records of the configured topic: key, value, headers, partition, offset, timestamp. */
  public static Dataset<Row> read(SparkSession spark, Config config) {
    DataStreamReader reader = spark.readStream().format("kafka")
        .options(clusterOptions(KafkaClientProperties.of(config)))
        .option("subscribe", config.get(SharedSettings.TOPIC))
        .option("startingOffsets", config.get(JobSettings.STARTING_OFFSETS).name().toLowerCase());
    long maxOffsets = config.get(JobSettings.MAX_OFFSETS_PER_TRIGGER);
    if (maxOffsets > 0) {
      reader = reader.option("maxOffsetsPerTrigger", maxOffsets);
    }
    return reader.load();
  }

  /**
   * The options every read of the topic shares, streaming or batch (a backfill): the cluster, the
   * records' headers (dead letters keep them), and the offset lookups' timeouts.
   */
  public static Map<String, String> clusterOptions(Map<String, String> kafkaProperties) {
    Map<String, String> options = new HashMap<>(KafkaClientProperties.asSparkOptions(kafkaProperties));
    options.put("includeHeaders", "true");
    options.put("kafka.default.api.timeout.ms", Integer.toString(API_TIMEOUT_MS));
    options.put("kafka.request.timeout.ms", Integer.toString(API_TIMEOUT_MS));
    return options;
  }

  public static Trigger trigger(Config config) {
    String trigger = config.get(JobSettings.TRIGGER);
    return "available-now".equals(trigger) ? Trigger.AvailableNow()
        : Trigger.ProcessingTime(io.sluice.config.ValueType.DURATION.parse(trigger).toMillis());
  }
}
