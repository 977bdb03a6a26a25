package io.sluice.jobs.backfill;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.jobs.JobSettings;
import java.time.Duration;
import java.time.Instant;

/** The settings of a backfill, beside the processing settings it shares with the streaming jobs. */
public final class BackfillSettings {

  private BackfillSettings() {
  }

  public static final Setting<Instant> FROM = Setting.builder("from", ValueType.INSTANT).required()
      .doc("Start of the event-time range (inclusive): ISO-8601 (2026-01-01T00:00:00Z) or epoch milliseconds."
          + " Windows that lie wholly inside [from, to) are recomputed and rewritten; no other.").build();
  public static final Setting<Instant> TO = Setting.builder("to", ValueType.INSTANT).required()
      .doc("End of the range (exclusive), in the same forms. It must not be in the future, nor later than the"
          + " topic's newest event less the allowed lateness: the live job may still change those windows.")
      .build();
  public static final Setting<Boolean> FILES = Setting.builder("files", ValueType.BOOLEAN).defaultValue(false)
      .doc("Read the events of the PATH arguments instead of the topic: JSON Lines, or Avro container files"
          + " ending in .avro; local paths or any Hadoop URI (hdfs://, s3a://), folders and globs too.").build();
  public static final Setting<Boolean> DRY_RUN = Setting.builder("dry-run", ValueType.BOOLEAN).defaultValue(false)
      .doc("Read and aggregate the range, print what would be rewritten, and write nothing.").build();
  public static final Setting<Boolean> ALLOW_UNDECODABLE = Setting.builder("allow-undecodable", ValueType.BOOLEAN)
      .defaultValue(false)
      .doc("Write the windows even when some records could not be decoded (a bad file line, a record the live job"
          + " sent to the dead letters, a schema id the registry no longer has). Without it such a backfill writes"
          + " nothing and fails: its windows could hold less than the live job counted.").build();
  public static final Setting<Duration> PROGRESS_INTERVAL = Setting.builder("progress-interval", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(5)).validator(Validator.atLeast(ValueType.DURATION, Duration.ofMillis(100)))
      .doc("How often progress (records read, rate, rows written) is printed to standard error.").build();

  public static final ConfigDef ALL = JobSettings.PROCESSING.with(FROM, TO, FILES, DRY_RUN, ALLOW_UNDECODABLE,
      PROGRESS_INTERVAL, JobSettings.PROGRESS_FILE);
}
