package io.sluice.bench.throughput;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.bench.BenchReport;
import io.sluice.bench.BenchStack;
import io.sluice.bench.Charts;
import io.sluice.bench.Checkpoints;
import io.sluice.bench.JobArgs;
import io.sluice.bench.JvmRun;
import io.sluice.bench.Programs;
import io.sluice.bench.SparkConf;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.ingest.expected.Verdict;
import io.sluice.schemas.cql.Tables;
import io.sluice.stack.SluiceHome;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import io.sluice.stack.job.JobLaunch;
import io.sluice.metrics.progress.BackfillResult;
import io.sluice.stack.job.JobProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code sluice bench throughput}: preloads a topic with millions of events, then drains it three
 * ways: Kafka's ConsumerPerformance (the ceiling of any consumer here), a bare Spark query that only
 * reads and counts (the ceiling of Spark), and the job (--job) under each
 * configuration asked for. Rates are sustained rates: the first micro-batch (start-up, JIT) and
 * the consumer's join are left out.
 */
public final class ThroughputBenchmark implements Command {

  static final Setting<Long> EVENTS = Setting.builder("events", ValueType.LONG).defaultValue(3_000_000L)
      .validator(Validator.between(100_000L, 1_000_000_000L)).doc("Events preloaded into the topic.").build();
  static final Setting<Integer> PARTITIONS = Setting.builder("partitions", ValueType.INT).defaultValue(2)
      .validator(Validator.between(1, 64)).doc("Partitions of the preloaded topic.").build();
  static final Setting<List<Long>> MAX_OFFSETS = Setting.builder("max-offsets-per-trigger",
      ValueType.listOf(ValueType.LONG)).defaultValue(List.of(500_000L))
      .doc("maxOffsetsPerTrigger of the Spark queries; several values run the job once each.").build();
  static final Setting<List<Integer>> SHUFFLE_PARTITIONS = Setting.builder("shuffle-partitions",
      ValueType.listOf(ValueType.INT)).defaultValue(List.of(2))
      .doc("spark.sql.shuffle.partitions of the job; several values run the job once each.").build();
  static final Setting<String> JOB_HEAP = Setting.builder("job-heap", ValueType.MEMORY_SIZE)
      .defaultValue(JobLaunch.DEFAULT_HEAP)
      .doc("Heap of the Spark driver JVM (local[2]), for the job and the bare read alike.").build();
  static final Setting<Path> RESULTS = Setting.builder("results-dir", ValueType.PATH)
      .defaultValue(Path.of("bench-results")).doc("Where the JSON result, the plot and the runs' logs go.").build();

  static final Setting<String> JOB = Setting.builder("job", ValueType.STRING).defaultValue("campaign-stats")
      .validator(Validator.oneOf("campaign-stats", "campaign-window-counts", "campaign-minute-stats"))
      .doc("The job measured; every table it writes is checked against the expected aggregates. campaign-stats"
          + " (what the demo and the Marathon group run) writes both jobs' tables.").build();
  private static final long EVENT_TIME_RATE = 10_000;
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(20);

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public String summary() {
    return "Events/s a job drains from a preloaded topic, beside ConsumerPerformance and a bare Spark read"
        + " (goal: 0.5x the bare Spark read or more).";
  }

  @Override
  public String description() {
    return summary() + " Uses the running local stack, or starts one and stops it at the end. Events carry"
        + " event times 1/" + EVENT_TIME_RATE + " s apart, as a live generator at that rate would give them, with"
        + " 0.5% duplicates and 2% out of order by up to 5 s; after each drain every row of the job's tables must"
        + " equal the expected aggregates of the preloaded events, or the benchmark fails. Last, the tables are"
        + " emptied and a backfill recomputes every closed window from the topic, as a batch; its rows are checked"
        + " the same way.";
  }

  @Override
  public ConfigDef settings() {
    return ConfigDef.of(JOB, EVENTS, PARTITIONS, MAX_OFFSETS, SHUFFLE_PARTITIONS, JOB_HEAP, SparkConf.SETTING,
        JobArgs.SETTING, RESULTS, StackSettings.STATE_DIR);
  }

  @Override
  public int run(Invocation inv) throws Exception {
    Config config = inv.config();
    PrintStream err = inv.err();
    Programs programs = new Programs(SluiceHome.locate());
    Path results = config.get(RESULTS);
    long events = config.get(EVENTS);
    try (BenchStack stack = BenchStack.open(StackSettings.stateDir(config), err)) {
      StackEndpoints endpoints = stack.endpoints();
      BenchStack.Run run = stack.prepare("throughput", config.get(PARTITIONS));
      Path logs = results.resolve("throughput-logs").resolve(run.topic());
      err.printf("throughput: preloading %,d events into %s (%d partitions)...%n", events, run.topic(),
          config.get(PARTITIONS));
      Instant start = Instant.now().minusMillis(events * 1000 / EVENT_TIME_RATE);
      // Written to a file first, so that the expected aggregates come from exactly the events on the topic;
      // with duplicates and out-of-order events, the drain is also a test of exactness under backlog.
      Path preload = Files.createDirectories(logs).resolve("preload.jsonl");
      Path expectedDir = logs.resolve("expected");
      JvmRun.run("preload-file", programs.ingestClassPath(), Programs.SLUICE_INGEST, List.of("generate",
          "--count", Long.toString(events), "--rate", Long.toString(EVENT_TIME_RATE), "--start-time",
          start.toString(), "--seed", "42", "--duplicate-share", "0.005", "--out-of-order-share", "0.02",
          "--max-delay", "5s", "--output", preload.toString(), "--write-campaigns", logs.resolve("campaigns.csv")
              .toString()), logs, 1800);
      // The plain computation holds every event id and each minute's user ids as strings: ~600 MB at 2M events.
      JvmRun.run("expected", "3g", programs.ingestClassPath(), Programs.SLUICE_INGEST, List.of("expected",
          "--campaigns", logs.resolve("campaigns.csv").toString(), "--output-dir", expectedDir.toString(),
          preload.toString()), logs, 1800);
      JvmRun.run("preload", programs.ingestClassPath(), Programs.SLUICE_INGEST, List.of("replay", "--topic",
          run.topic(), "--kafka-bootstrap-servers", endpoints.kafkaBootstrapServers(), "--schema-registry-url",
          endpoints.schemaRegistryUrl(), preload.toString()), logs, 1800);
      try (var lines = Files.lines(preload)) {
        events = lines.count();
      }
      Files.delete(preload);

      err.println("throughput: ConsumerPerformance...");
      double consumer = ConsumerPerformanceOutput.fetchRate(JvmRun.run("consumer-performance",
          programs.kafkaToolsClassPath(), Programs.CONSUMER_PERFORMANCE, List.of("--bootstrap-server",
              endpoints.kafkaBootstrapServers(), "--topic", run.topic(), "--messages", Long.toString(events),
              "--timeout", "120000"), logs, 900));
      err.printf("throughput: ConsumerPerformance %,.0f events/s%n", consumer);

      Map<String, Double> rates = new LinkedHashMap<>();
      rates.put("ConsumerPerformance", consumer);
      long firstMaxOffsets = config.get(MAX_OFFSETS).get(0);
      List<String> jvm = SparkConf.jvmOptions(config.get(JOB_HEAP), config.get(SparkConf.SETTING));
      double bareSpark = drain(programs, endpoints, logs, "kafka-read-count", jvm,
          List.of("--topic", run.topic(), "--max-offsets-per-trigger", Long.toString(firstMaxOffsets)), events, err);
      rates.put("bare Spark read, maxOffsets " + firstMaxOffsets, bareSpark);

      List<Map<String, Object>> jobRuns = new ArrayList<>();
      double best = 0;
      for (long maxOffsets : config.get(MAX_OFFSETS)) {
        for (int shuffle : config.get(SHUFFLE_PARTITIONS)) {
          String label = "job, maxOffsets " + maxOffsets + ", shuffle " + shuffle;
          List<String> settings = new ArrayList<>(List.of("--topic", run.topic(),
              "--cassandra-keyspace", run.keyspace(), "--max-offsets-per-trigger", Long.toString(maxOffsets),
              "--shuffle-partitions", Integer.toString(shuffle)));
          settings.addAll(JobArgs.flags(config.get(JobArgs.SETTING)));
          double rate = drain(programs, endpoints, logs, config.get(JOB), jvm, settings, events, err);
          checkExact(stack, run, config.get(JOB), expectedDir, label, err);
          rates.put(label, rate);
          best = Math.max(best, rate);
          jobRuns.add(Map.of("max_offsets_per_trigger", maxOffsets, "shuffle_partitions", shuffle,
              "events_per_s", rate, "ratio_to_bare_spark", rate / bareSpark));
        }
      }

      Backfilled backfilled = backfill(programs, stack, run, config.get(JOB), jvm, start, events, logs, expectedDir,
          err);
      rates.put("backfill of the range (batch)", backfilled.perSecond());

      BenchReport report = new BenchReport("throughput").put("job", config.get(JOB)).put("events", events).put("partitions", config.get(PARTITIONS))
          .put("job_heap", config.get(JOB_HEAP)).put("spark_conf", config.get(SparkConf.SETTING))
          .put("job_settings", config.get(JobArgs.SETTING)).put("consumer_performance_events_per_s", consumer)
          .put("bare_spark_events_per_s", bareSpark).put("job_runs", jobRuns).put("best_job_events_per_s", best)
          .put("ratio_to_bare_spark", best / bareSpark).put("ratio_to_consumer_performance", best / consumer)
          .put("goal_ratio_to_bare_spark", 0.5).put("backfill_events_per_s", backfilled.perSecond())
          .put("backfill_events", backfilled.records()).put("backfill_ratio_to_bare_spark",
              backfilled.perSecond() / bareSpark);
      Path file = report.write(results);
      Path plot = Charts.bars(BenchReport.sibling(file, ".png"), "Sustained drain rate of " + events / 1_000_000.0
          + "M preloaded events (" + report.when() + ")", "events/s", rates);
      inv.out().printf("throughput: job %,.0f events/s vs bare Spark read %,.0f = %.2fx (goal 0.5x);"
          + " ConsumerPerformance %,.0f (job %.2fx of it); backfill %,.0f events/s = %.2fx the bare read; %s, %s%n",
          best, bareSpark, best / bareSpark, consumer, best / consumer, backfilled.perSecond(),
          backfilled.perSecond() / bareSpark, file, plot);
    }
    return 0;
  }

  /** What a backfill read, and its rate over its whole run (Spark's start-up aside). */
  private record Backfilled(long records, double seconds) {
    double perSecond() {
      return records / seconds;
    }
  }

  /**
   * Empties the job's tables and backfills every closed window of the preloaded events from the
   * topic, as a batch; the rows must equal the expected ones of those windows.
   */
  private static Backfilled backfill(Programs programs, BenchStack stack, BenchStack.Run run, String job,
                                     List<String> jvm, Instant start, long events, Path logs, Path expectedDir,
                                     PrintStream err) throws Exception {
    Instant from = start.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
    // The newest event is of about start + events / rate; windows ending a minute (the lateness) before are closed.
    Instant to = start.plusMillis(events * 1000 / EVENT_TIME_RATE).minusSeconds(70).truncatedTo(ChronoUnit.MINUTES);
    try (CqlSession session = stack.session()) {
      for (String table : List.of(Tables.CAMPAIGN_WINDOW_COUNTS, Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW,
          Tables.CAMPAIGN_MINUTE_STATS, Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW)) {
        session.execute("TRUNCATE " + run.keyspace() + "." + table);
      }
    }
    Path log = logs.resolve("backfill-" + job + ".log");
    err.printf("throughput: backfill %s [%s, %s) from the topic...%n", job, from, to);
    Backfilled backfilled;
    try (JobProcess process = JobProcess.start(programs.home(), "backfill", log, jvm, List.of(job, "--topic",
        run.topic(), "--cassandra-keyspace", run.keyspace(), "--from", from.toString(), "--to", to.toString()),
        stack.endpoints().asEnvironment())) {
      if (!process.waitFor(DRAIN_TIMEOUT) || process.exitValue() != 0) {
        throw new CommandFailedException("the backfill of " + job + " failed or did not end within " + DRAIN_TIMEOUT
            + "; see " + log);
      }
      process.poll();
      BackfillResult result = process.backfillResult().orElseThrow(() -> new CommandFailedException(
          "the backfill reported no result in " + process.progressFile() + "; see " + log));
      backfilled = new Backfilled(result.recordsRead(), result.seconds());
    }
    checkExact(stack, run, job, expectedDir, "backfill", row -> !Instant.parse(row.split(",")[2]).isAfter(to), err);
    err.printf("throughput: backfill %,.0f events/s (%,d records in %.1f s)%n", backfilled.perSecond(),
        backfilled.records(), backfilled.seconds());
    return backfilled;
  }

  /** Every row of the job's tables equals the expected aggregates of the preloaded events, or the benchmark fails. */
  private static void checkExact(BenchStack stack, BenchStack.Run run, String job, Path expectedDir, String label,
                                 PrintStream err) throws IOException {
    checkExact(stack, run, job, expectedDir, label, row -> true, err);
  }

  /** The same, for the expected rows (CSV lines) that {@code windows} keeps. */
  private static void checkExact(BenchStack stack, BenchStack.Run run, String job, Path expectedDir, String label,
                                 Predicate<String> windows, PrintStream err) throws IOException {
    Verdict verdict = new Verdict();
    List<String> checked = new ArrayList<>();
    try (CqlSession session = stack.session()) {
      if (!job.equals("campaign-minute-stats")) {
        int rows = check(session, run.keyspace(), verdict, expectedDir.resolve(ExpectedAggregates.WINDOW_COUNTS_FILE),
            windows, AggregateTables.WINDOW_COUNT_COLUMNS, false, Tables.CAMPAIGN_WINDOW_COUNTS,
            Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW);
        checked.add(String.format("%,d 10-second window rows", rows));
      }
      if (!job.equals("campaign-window-counts")) {
        int rows = check(session, run.keyspace(), verdict, expectedDir.resolve(ExpectedAggregates.MINUTE_STATS_FILE),
            windows, AggregateTables.MINUTE_STATS_COLUMNS, true, Tables.CAMPAIGN_MINUTE_STATS,
            Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW);
        checked.add(String.format("%,d minute rows", rows));
      }
    }
    if (!verdict.matches()) {
      throw new CommandFailedException(label + ": not exact: " + verdict.problems());
    }
    err.printf("throughput: %s: all %s equal the expected aggregates%n", label, String.join(" and ", checked));
  }

  /** Compares each table with the expected rows (minute stats as the demo does); returns how many were expected. */
  private static int check(CqlSession session, String keyspace, Verdict verdict, Path expectedFile,
                           Predicate<String> windows, String[] columns, boolean minuteStats, String... tables)
      throws IOException {
    List<String> expected = AggregateTables.expected(expectedFile).stream().filter(windows).toList();
    for (String table : tables) {
      List<String> actual = AggregateTables.rows(session, keyspace, table, columns);
      if (minuteStats) {
        verdict.minuteStats(table, actual, expected);
      } else {
        verdict.exact(table, actual, expected);
      }
    }
    return expected.size();
  }

  /** Runs one Spark query with the available-now trigger until it has drained the topic; its sustained rate. */
  private static double drain(Programs programs, StackEndpoints endpoints, Path logs, String job, List<String> jvm,
                              List<String> settings, long events, PrintStream err) throws Exception {
    String runName = job + "-" + String.join("-", settings.subList(2, settings.size())).replaceAll("[^\\w.-]", "_");
    Path log = logs.resolve(runName + ".log");
    Path checkpoint = logs.resolve("checkpoints").resolve(runName);
    List<String> all = new ArrayList<>(settings);
    all.addAll(List.of("--trigger", "available-now", "--checkpoint-dir", checkpoint.toString()));
    err.printf("throughput: %s %s...%n", job, String.join(" ", settings.subList(2, settings.size())));
    try (JobProcess process = JobProcess.start(programs.home(), job, log, jvm, all,
        endpoints.asEnvironment())) {
      if (!process.waitFor(DRAIN_TIMEOUT)) {
        throw new CommandFailedException(job + " did not drain the topic within " + DRAIN_TIMEOUT + "; see " + log);
      }
      process.poll();
      if (process.exitValue() != 0 || process.inputRows() != events) {
        throw new CommandFailedException(job + " read " + process.inputRows() + " of " + events + " events (exit "
            + process.exitValue() + "); see " + log);
      }
      SustainedRate rate = SustainedRate.of(process.history());
      err.printf("throughput: %s %,.0f events/s over %d batches after the first (%,d events in %,d ms)%n", job,
          rate.perSecond(), rate.batches(), rate.rows(), rate.millis());
      return rate.perSecond();
    } finally {
      Checkpoints.remove(checkpoint, err);
    }
  }
}
