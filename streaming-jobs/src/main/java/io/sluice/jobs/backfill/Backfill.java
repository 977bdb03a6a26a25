package io.sluice.jobs.backfill;

import io.sluice.config.Config;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.SharedSettings;
import io.sluice.config.ValueType;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.UsageException;
import io.sluice.jobs.EventStream;
import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.JobSettings;
import io.sluice.jobs.PartitionIterators;
import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.decode.DecodeRecords;
import io.sluice.jobs.decode.EventDecoding;
import io.sluice.jobs.decode.EventFileRows;
import io.sluice.jobs.decode.UndecodableCounts;
import io.sluice.jobs.enrich.AddCampaigns;
import io.sluice.jobs.sink.CassandraUpsertSink;
import io.sluice.jobs.sink.SinkTables;
import io.sluice.jobs.sink.Upsert;
import io.sluice.metrics.progress.BackfillResult;
import io.sluice.metrics.progress.JobProgress;
import io.sluice.metrics.progress.ProgressFile;
import io.sluice.schemas.cql.Tables.Columns;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Recomputes a job's windows over a past event-time range, as a batch: the records of the range
 * (found in the topic with offsets-for-times) or event files go through the job's own decoding,
 * campaign lookup, deduplication and aggregation ({@link StreamingJob#aggregate}), and the rows of
 * the windows wholly inside the range are upserted with the job's upserts. The live job's
 * checkpoint is neither read nor written; running it twice writes the same values.
 */
public final class Backfill {

  /** Records per input task: small enough for progress to move, large enough for few tasks. */
  private static final long RECORDS_PER_TASK = 250_000;

  private final StreamingJob job;
  private final Config config;
  private final PrintStream out;
  private final PrintStream err;
  private final String name;

  public Backfill(StreamingJob job, Config config, PrintStream out, PrintStream err, String name) {
    this.job = job;
    this.config = config;
    this.out = out;
    this.err = err;
    this.name = name;
  }

  /** What was read and written. */
  public record Summary(long recordsRead, long decoded, long undecodable, long unknownAds, List<String> tables,
                        List<Long> rows, double seconds) {
  }

  /**
   * Runs the backfill over the topic's records, or over {@code files} when there are any, in the
   * session {@code spark} gives. Bad requests (a reversed, future, still open or deleted range) fail
   * before it is asked for.
   */
  public Summary run(List<String> files, Supplier<SparkSession> spark) throws Exception {
    Instant from = config.get(BackfillSettings.FROM);
    Instant to = config.get(BackfillSettings.TO);
    requireRange(from, to, Instant.now());
    Duration lateness = config.get(JobSettings.ALLOWED_LATENESS);
    String topic = config.get(SharedSettings.TOPIC);
    TopicRange range = null;
    Optional<Instant> newest;
    try (Admin admin = TopicRange.admin(KafkaClientProperties.of(config))) {
      if (files.isEmpty()) {
        range = TopicRange.find(admin, topic, from, to, lateness);
        newest = range.newestEventTime();
      } else {
        newest = newestEventTimeIfAny(admin, topic);
      }
    } catch (BackfillException e) {
      if (e.kind() == BackfillException.Kind.KAFKA) {
        throw new CommandFailedException(e.getMessage(), e);
      }
      throw new UsageException(e.getMessage());
    }
    refuseOpenWindows(to, newest, lateness, topic);
    err.println(name + ": " + describe(from, to, range, files));
    if (range != null && range.records() == 0) {
      err.println(name + ": topic " + topic + " has no records for the range; nothing to rewrite");
      return print(new Summary(0, 0, 0, 0, tables(), job.upserts().stream().map(u -> 0L).toList(), 0));
    }
    return print(compute(spark.get(), from, to, range, files));
  }

  private Summary compute(SparkSession spark, Instant from, Instant to, TopicRange range, List<String> files) {
    int tasks = range == null ? Math.max(1, files.size())
        : (int) Math.min(1_000, Math.max(range.partitions().size(), range.records() / RECORDS_PER_TASK + 1));
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    // A batch keeps no state between runs: its shuffle can be as wide as its input.
    spark.conf().set("spark.sql.shuffle.partitions", Math.max(tasks, config.get(JobSettings.SHUFFLE_PARTITIONS)));
    LongAccumulator decoded = spark.sparkContext().longAccumulator("backfill.decoded");
    UndecodableCounts undecodableCounts = UndecodableCounts.register(spark.sparkContext(), "backfill");
    LongAccumulator undecodable = undecodableCounts.total();
    LongAccumulator unknownAds = spark.sparkContext().longAccumulator("backfill.unknown-ads");
    LongAccumulator late = spark.sparkContext().longAccumulator("backfill.late");
    JobEndpoints endpoints = JobEndpoints.withoutCheckpoint(config);
    Dataset<Row> input;
    EventDecoding decoding;
    if (range == null) {
      input = spark.read().format("binaryFile").load(files.toArray(new String[0]));
      decoding = new EventFileRows(decoded, undecodable);
    } else {
      input = range.read(spark, KafkaClientProperties.of(config), tasks);
      decoding = DecodeRecords.countingUndecodable(endpoints, decoded, undecodableCounts);
    }
    boolean dryRun = config.get(BackfillSettings.DRY_RUN);
    if (!dryRun) {
      SinkTables.prepare(config);
    }
    Duration lateness = config.get(JobSettings.ALLOWED_LATENESS);
    EventStream events = new EventStream(input, decoding, new AddCampaigns(endpoints, unknownAds), lateness)
        .within(from.toEpochMilli(), to.toEpochMilli());
    Dataset<Row> windows = job.aggregate(events, late)
        .where(col(Columns.WINDOW_START).geq(lit(Timestamp.from(from)))
            .and(col(Columns.WINDOW_END).leq(lit(Timestamp.from(to)))));
    List<LongAccumulator> rows = counters(spark, "rows");
    double seconds;
    try (BackfillProgress progress = new BackfillProgress(err, name, config.get(BackfillSettings.PROGRESS_INTERVAL),
        range == null ? 0 : range.records(), List.of(decoded, undecodable), rows)) {
      if (dryRun) {
        windows.foreachPartition(new WriteWindows(endpoints, job.upserts(), rows, false));
      } else {
        // Computed first, written second, from the kept rows: a range with records that could not be decoded
        // is written only when allowed, since its windows could hold less than the live job counted.
        windows = windows.persist(StorageLevel.MEMORY_AND_DISK());
        windows.count();
        if (undecodable.value() > 0 && !config.get(BackfillSettings.ALLOW_UNDECODABLE)) {
          windows.unpersist();
          throw new CommandFailedException(String.format("%,d of %,d records could not be decoded (see the log);"
              + " nothing was written, since the windows could hold less than the live job counted. %s writes"
              + " them without those records.", undecodable.value(), decoded.value() + undecodable.value(),
              BackfillSettings.ALLOW_UNDECODABLE.flag()));
        }
        windows.foreachPartition(new WriteWindows(endpoints, job.upserts(), rows, true));
        windows.unpersist();
      }
      seconds = progress.seconds();
    }
    return new Summary(decoded.value() + undecodable.value(), decoded.value(), undecodable.value(),
        unknownAds.value(), tables(), rows.stream().map(LongAccumulator::value).toList(), seconds);
  }

  /** One counter per upsert of the job. */
  private List<LongAccumulator> counters(SparkSession spark, String what) {
    return job.upserts().stream().map(upsert -> spark.sparkContext()
        .longAccumulator("backfill." + what + "." + upsert.table())).toList();
  }

  private List<String> tables() {
    return job.upserts().stream().map(Upsert::table).toList();
  }

  static void requireRange(Instant from, Instant to, Instant now) {
    if (!from.isBefore(to)) {
      throw new UsageException(BackfillSettings.FROM.flag() + " (" + from + ") must be before "
          + BackfillSettings.TO.flag() + " (" + to + ")");
    }
    if (to.isAfter(now)) {
      throw new UsageException(BackfillSettings.TO.flag() + " (" + to + ") is in the future (now is " + now
          + "): the windows of a range still to come cannot be recomputed");
    }
  }

  /**
   * Refuses a range whose last windows the live job may still change: its watermark reaches at most
   * the topic's newest event time less the allowed lateness, and until the watermark passes a
   * window's end it rewrites the window with its own totals, over a backfill's.
   */
  static void refuseOpenWindows(Instant to, Optional<Instant> newest, Duration lateness, String topic) {
    if (newest.isEmpty()) {
      return;
    }
    Instant closed = newest.get().minus(lateness);
    if (to.isAfter(closed)) {
      throw new UsageException(BackfillSettings.TO.flag() + " (" + to + ") reaches windows that are still open:"
          + " topic " + topic + "'s newest event is of " + newest.get() + ", so the live job may still change"
          + " windows ending after " + closed + " (" + JobSettings.ALLOWED_LATENESS.flag() + " "
          + ValueType.DURATION.format(lateness) + ", which must be the live job's). Give "
          + BackfillSettings.TO.flag() + " " + closed + " or earlier, or wait until they close.");
    }
  }

  private static Optional<Instant> newestEventTimeIfAny(Admin admin, String topic) {
    try {
      return TopicRange.newestEventTimeOf(admin, topic);
    } catch (BackfillException e) {
      if (e.kind() == BackfillException.Kind.NO_SUCH_TOPIC) {
        return Optional.empty();
      }
      throw new CommandFailedException("checking that no live job still writes the range: " + e.getMessage(), e);
    }
  }

  private String describe(Instant from, Instant to, TopicRange range, List<String> files) {
    String source = range == null ? files.size() + " file argument(s): " + String.join(" ", files)
        : "topic " + range.topic() + ", " + String.format("%,d", range.records()) + " records at offsets "
            + range.partitions().stream().map(p -> p.partition() + ":" + p.start() + "-" + p.end())
            .collect(Collectors.joining(", "));
    return (config.get(BackfillSettings.DRY_RUN) ? "dry run, " : "") + "[" + from + ", " + to + ") of "
        + job.name() + " from " + source;
  }

  private Summary print(Summary s) {
    boolean dryRun = config.get(BackfillSettings.DRY_RUN);
    String progressFile = config.get(JobSettings.PROGRESS_FILE);
    if (progressFile != null) {
      try (Writer progress = ProgressFile.append(Path.of(progressFile))) {
        ProgressFile.write(progress, JobProgress.finished(job.name(), new BackfillResult(s.recordsRead(), s.decoded(),
            s.undecodable(), s.unknownAds(), dryRun ? 0 : s.rows().stream().mapToLong(Long::longValue).sum(),
            s.seconds())));
      } catch (IOException e) {
        // The rows are written: a progress file that cannot be must not fail the backfill and have it run again.
        err.println(name + ": could not write the progress file " + progressFile + ": " + e);
      }
    }
    out.printf("%s: read %,d records in %.1f s (%,.0f/s): %,d decoded, %,d undecodable, %,d of unknown ads%n", name,
        s.recordsRead(), s.seconds(), s.recordsRead() / Math.max(1e-3, s.seconds()), s.decoded(), s.undecodable(),
        s.unknownAds());
    for (int i = 0; i < s.tables().size(); i++) {
      out.printf("%s: %s %,d rows of %s%n", name, dryRun ? "would rewrite" : "rewrote", s.rows().get(i),
          s.tables().get(i));
    }
    if (dryRun) {
      out.println(name + ": dry run: nothing was written" + (s.undecodable() > 0 ? "; a real run refuses to write"
          + " with undecodable records, unless " + BackfillSettings.ALLOW_UNDECODABLE.flag() : ""));
    }
    return s;
  }

  /** Counts, per upsert, one partition of the range's window rows, and writes them when {@code write}. */
  private static final class WriteWindows implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;

    private final JobEndpoints endpoints;
    private final List<Upsert> upserts;
    private final List<LongAccumulator> rows;
    private final boolean write;

    WriteWindows(JobEndpoints endpoints, List<Upsert> upserts, List<LongAccumulator> rows, boolean write) {
      this.endpoints = endpoints;
      this.upserts = List.copyOf(upserts);
      this.rows = List.copyOf(rows);
      this.write = write;
    }

    @Override
    public void call(Iterator<Row> windows) {
      Iterator<Row> counted = PartitionIterators.mapDroppingNulls(windows, row -> {
        for (int i = 0; i < upserts.size(); i++) {
          if (upserts.get(i).takes(row)) {
            rows.get(i).add(1);
          }
        }
        return row;
      }, () -> { });
      if (write) {
        CassandraUpsertSink.write(endpoints, upserts, counted);
      } else {
        counted.forEachRemaining(row -> { });
      }
    }
  }
}
