package io.sluice.jobs;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.metrics.MetricsSettings;
import io.sluice.schemas.cql.MigrateCommand;
import java.time.Duration;

/** Every setting of the streaming jobs, declared once; each job reads all of them. */
public final class JobSettings {

  private JobSettings() {
  }

  /** Which schema version events are resolved to; both read events of either version. */
  public enum ReaderSchema { V1, V2 }

  /** What a job does with the CQL schema it writes to, before it starts. */
  public enum SchemaPolicy {
    /** Creates the keyspace (with cassandra.replication-factor) and applies what is missing. */
    APPLY,
    /** Changes nothing: the keyspace must exist with every migration applied, by 'sluice migrate'. */
    REQUIRE
  }

  /** Where a new query starts reading when it has no checkpoint yet. */
  public enum StartingOffsets { EARLIEST, LATEST }

  public static final Setting<String> DEAD_LETTER_TOPIC = Setting.builder("dead-letter-topic", ValueType.STRING)
      .doc("Topic for records that cannot be decoded. Default: <topic>.dlq.").build();
  public static final Setting<StartingOffsets> STARTING_OFFSETS = Setting.builder("starting-offsets",
      ValueType.enumOf(StartingOffsets.class)).defaultValue(StartingOffsets.EARLIEST)
      .doc("Where a query without a checkpoint starts; afterwards the checkpoint decides.").build();
  public static final Setting<Long> MAX_OFFSETS_PER_TRIGGER = Setting.builder("max-offsets-per-trigger", ValueType.LONG)
      .defaultValue(500_000L).validator(Validator.between(0L, Long.MAX_VALUE))
      .doc("Most records one micro-batch reads, over all partitions; 0 = no limit.").build();
  public static final Setting<String> TRIGGER = Setting.builder("trigger", ValueType.STRING)
      .defaultValue("1s").validator(new Validator<>() {
        @Override
        public void ensureValid(String value) {
          if (!"available-now".equals(value)) {
            ValueType.DURATION.parse(value);
          }
        }

        @Override
        public String describe() {
          return "available-now|<interval>";
        }
      })
      .doc("available-now: process what is in the topic, then stop. An interval (1s, 500ms): a micro-batch"
          + " every interval, until stopped.").build();
  public static final Setting<Duration> ALLOWED_LATENESS = Setting.builder("allowed-lateness", ValueType.DURATION)
      .defaultValue(Duration.ofMinutes(1)).validator(Validator.atLeast(ValueType.DURATION, Duration.ZERO))
      .doc("How far behind the latest event time an event may arrive and still count; later ones are dropped"
          + " and counted. A window's event ids are remembered for deduplication until the watermark (the"
          + " newest event time less this) passes the window's end.").build();
  /**
   * The folder of the default checkpoints, one per job. A launcher sets it instead of passing
   * --checkpoint-dir, which would hide the setting's environment variable and config file key.
   */
  public static final String CHECKPOINT_ROOT_PROPERTY = "sluice.checkpoint.root";
  public static final Setting<String> CHECKPOINT_DIR = Setting.builder("checkpoint-dir", ValueType.STRING)
      .doc("Checkpoint location: a local path or any Hadoop file system URI (hdfs://, s3a://). Default:"
          + " <job> in the folder of the system property " + JobSettings.CHECKPOINT_ROOT_PROPERTY
          + " ('sluice job run': .sluice/checkpoints in the checkout), else checkpoints/<job> in the working"
          + " directory.").build();
  public static final Setting<Duration> ADS_REFRESH = Setting.builder("ads-refresh-interval", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(60)).validator(Validator.atLeast(ValueType.DURATION, Duration.ofSeconds(1)))
      .doc("How often executors reload the ads table (ad_id -> campaign_id).").build();
  public static final Setting<Integer> SHUFFLE_PARTITIONS = Setting.builder("shuffle-partitions", ValueType.INT)
      .defaultValue(2).validator(Validator.between(1, 10_000))
      .doc("Partitions of the aggregation state (spark.sql.shuffle.partitions); fixed once a checkpoint exists.")
      .build();
  public static final Setting<String> WRITE_CONSISTENCY = Setting.builder("cassandra.write-consistency",
      ValueType.STRING).defaultValue("LOCAL_QUORUM")
      .validator(Validator.oneOf("ONE", "LOCAL_ONE", "QUORUM", "LOCAL_QUORUM", "ALL"))
      .doc("Consistency level of the aggregate upserts.").build();
  public static final Setting<SchemaPolicy> SCHEMA = Setting.builder("cassandra.schema",
      ValueType.enumOf(SchemaPolicy.class)).defaultValue(SchemaPolicy.APPLY)
      .doc("apply: create the keyspace with cassandra.replication-factor and apply missing CQL migrations"
          + " (local runs). require: change nothing and stop, naming what is missing, unless 'sluice migrate'"
          + " has made the keyspace (deployments, where the keyspace and its replication are not the job's).")
      .build();
  public static final Setting<Integer> RESTART_ATTEMPTS = Setting.builder("restart-attempts", ValueType.INT)
      .defaultValue(5).validator(Validator.between(0, 1_000))
      .doc("Restarts from the checkpoint after a transient failure (a Kafka broker, Cassandra or the schema"
          + " registry out of reach) before the job gives up; a run longer than restart-backoff-max starts the"
          + " count afresh. A permanent failure (a bad setting, a corrupt checkpoint) stops the job at once."
          + " 0 = never restart.").build();
  public static final Setting<Duration> RESTART_BACKOFF = Setting.builder("restart-backoff", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(2)).validator(Validator.atLeast(ValueType.DURATION, Duration.ofMillis(100)))
      .doc("Wait before the first restart; it doubles with each restart in a row.").build();
  public static final Setting<Duration> RESTART_BACKOFF_MAX = Setting.builder("restart-backoff-max",
      ValueType.DURATION).defaultValue(Duration.ofMinutes(1))
      .validator(Validator.atLeast(ValueType.DURATION, Duration.ofMillis(100)))
      .doc("Longest wait between restarts.").build();
  public static final Setting<String> PROGRESS_FILE = Setting.builder("progress-file", ValueType.STRING)
      .doc("File the job appends its progress to, one JSON line per event (started, each batch with its"
          + " metrics, stopped or failed), for programs that follow it. Default: none.").build();
  public static final Setting<ReaderSchema> READER_SCHEMA = Setting.builder("reader-schema",
      ValueType.enumOf(ReaderSchema.class)).defaultValue(ReaderSchema.V2)
      .doc("AdEvent version that events are resolved to.").build();

  /** What a job's processing reads, whether it runs streaming or as a backfill over past events. */
  public static final ConfigDef PROCESSING = ConfigDef.of(SharedSettings.TOPIC).with(SharedSettings.CLIENTS).with(ALLOWED_LATENESS, ADS_REFRESH,
      SHUFFLE_PARTITIONS, WRITE_CONSISTENCY, READER_SCHEMA, SCHEMA, MigrateCommand.REPLICATION_FACTOR);

  public static final ConfigDef ALL = PROCESSING.with(DEAD_LETTER_TOPIC, STARTING_OFFSETS, MAX_OFFSETS_PER_TRIGGER,
      TRIGGER, CHECKPOINT_DIR, RESTART_ATTEMPTS, RESTART_BACKOFF, RESTART_BACKOFF_MAX, PROGRESS_FILE)
      .with(MetricsSettings.ALL);

  public static String deadLetterTopic(Config config) {
    String topic = config.get(DEAD_LETTER_TOPIC);
    return topic != null ? topic : config.get(SharedSettings.TOPIC) + ".dlq";
  }

  public static String checkpointDir(Config config, String job) {
    String dir = config.get(CHECKPOINT_DIR);
    return dir != null ? dir : System.getProperty(CHECKPOINT_ROOT_PROPERTY, "checkpoints") + "/" + job;
  }
}
