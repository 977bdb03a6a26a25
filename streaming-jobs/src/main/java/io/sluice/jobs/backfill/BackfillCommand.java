package io.sluice.jobs.backfill;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.config.cli.UsageException;
import io.sluice.jobs.StreamingJob;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/** {@code backfill JOB --from TIME --to TIME [--files PATH...]}: one job's backfill as a command. */
public final class BackfillCommand implements Command {

  private final StreamingJob job;
  private final Function<String, SparkSession> sessions;

  /** The backfill of {@code job}, in a Spark session that {@code sessions} makes for an application name. */
  public BackfillCommand(StreamingJob job, Function<String, SparkSession> sessions) {
    this.job = job;
    this.sessions = sessions;
  }

  @Override
  public String name() {
    return job.name();
  }

  @Override
  public String summary() {
    return "Recompute the windows of " + job.name() + " over a past event-time range, as a batch.";
  }

  @Override
  public String description() {
    return summary() + " The range's records are found in the topic with Kafka's offsets-for-times (or read from"
        + " event files with --files), and go through the job's own decoding, campaign lookup, deduplication and"
        + " aggregation. The rows of the windows wholly inside the range are upserted; no other row is touched,"
        + " and the live job's checkpoint is neither read nor written. Running it twice writes the same values."
        + " From the topic it reads what arrived until the allowed lateness after the range's end (an event that"
        + " came later is left out, as the live job leaves it out); from files, every event they hold. Records"
        + " that cannot be decoded make it write nothing, unless " + BackfillSettings.ALLOW_UNDECODABLE.flag() + ".";
  }

  @Override
  public String arguments() {
    return "[PATH...]";
  }

  @Override
  public ConfigDef settings() {
    return BackfillSettings.ALL;
  }

  @Override
  public int run(Invocation inv) throws Exception {
    Config config = inv.config();
    List<String> files = inv.arguments();
    if (config.get(BackfillSettings.FILES) && files.isEmpty()) {
      throw new UsageException(BackfillSettings.FILES.flag() + " reads the PATH arguments: give at least one");
    }
    if (!config.get(BackfillSettings.FILES) && !files.isEmpty()) {
      throw new UsageException("unexpected argument '" + files.get(0) + "': give " + BackfillSettings.FILES.flag()
          + " to read event files instead of the topic");
    }
    SparkSession[] started = {null};
    try {
      new Backfill(job, config, inv.out(), inv.err(), inv.commandPath())
          .run(files, () -> started[0] = sessions.apply("sluice backfill " + job.name()));
    } finally {
      if (started[0] != null) {
        started[0].stop();
      }
    }
    return 0;
  }
}
