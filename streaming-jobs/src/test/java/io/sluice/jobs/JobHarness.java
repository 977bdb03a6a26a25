package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.cli.IngestCommands;
import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.metrics.progress.BackfillResult;
import io.sluice.metrics.progress.BatchMetrics;
import io.sluice.metrics.progress.JobProgress;
import io.sluice.metrics.progress.ProgressFile;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.job.JobLaunch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the pipeline as users do, for the job tests: the producing commands in-process, each job in
 * a JVM of its own (local[2]), so a test can also kill it. Each harness has its own topic, keyspace
 * and checkpoints, so tests never see each other's data.
 */
public final class JobHarness {

  public static final Path HOME = Path.of(System.getProperty("sluice.home", ".."));
  public static final Path SAMPLES = HOME.resolve("samples");
  public static final Path LOGS = Path.of("target", "job-logs");

  public final StackEndpoints stack;
  public final String topic;
  public final String keyspace;
  public final Path checkpoints;
  private final List<String> jobSettings = new ArrayList<>();

  public JobHarness(StackEndpoints stack, String name) throws IOException {
    this.stack = stack;
    String id = name + "_" + UUID.randomUUID().toString().substring(0, 8);
    this.topic = "jobs-it-" + id.replace('_', '-');
    this.keyspace = id.replace('-', '_');
    this.checkpoints = Files.createTempDirectory("sluice-checkpoints-" + id);
  }

  private JobHarness(JobHarness other, StackEndpoints stack) {
    this.stack = stack;
    this.topic = other.topic;
    this.keyspace = other.keyspace;
    this.checkpoints = other.checkpoints;
    this.jobSettings.addAll(other.jobSettings);
  }

  /** The same topic, keyspace and checkpoints, reached with another login (of a secure stack). */
  public JobHarness as(StackEndpoints loggedIn) {
    return new JobHarness(this, loggedIn);
  }

  /** Passes {@code settings} to every job this harness starts, before the settings of each start. */
  public JobHarness withJobSettings(String... settings) {
    jobSettings.addAll(Arrays.asList(settings));
    return this;
  }

  /** Runs a producing command against the stack, failing the test if it fails. */
  public void sluice(String... args) {
    Outcome outcome = tryToRun(args);
    assertThat(outcome.code()).as("sluice %s: %s", String.join(" ", args), outcome.err()).isZero();
  }

  /** What a producing command returned and printed to standard error. */
  public record Outcome(int code, String err) {
  }

  /** Runs a producing command against the stack, whatever its outcome. */
  public Outcome tryToRun(String... args) {
    return runInThisJvm(IngestCommands.group(), args);
  }

  /** Loads the sample's campaigns; {@code settings} such as the keyspace's replication go to seed-campaigns. */
  public void seedSampleCampaigns(String... settings) {
    List<String> args = new ArrayList<>(List.of("seed-campaigns", "--cassandra-keyspace", keyspace));
    args.addAll(Arrays.asList(settings));
    args.add(SAMPLES.resolve("campaigns.csv").toString());
    sluice(args.toArray(new String[0]));
  }

  public void replay(Path file) {
    sluice("replay", "--topic", topic, file.toString());
  }

  /** Starts a job in its own JVM, as 'sluice job run' would; its output goes to target/job-logs. */
  public Process startJob(String job, String... settings) throws IOException {
    List<String> all = new ArrayList<>(List.of("--topic", topic, "--cassandra-keyspace", keyspace,
        "--checkpoint-dir", checkpoints.resolve(job).toString(), "--shuffle-partitions", "2",
        "--progress-file", progressFile(job).toString()));
    all.addAll(jobSettings);
    all.addAll(Arrays.asList(settings));
    return start(launch().build(job, all), jobLog(job));
  }

  /**
   * Runs 'sluice job backfill JOB' to its end in a JVM of its own, on this harness's topic and
   * keyspace, failing the test unless it succeeds; its output goes to {@link #backfillLog}.
   */
  public void backfill(String job, String... settings) throws Exception {
    assertThat(tryBackfill(job, settings)).as("exit code of the backfill of %s; log %s", job, backfillLog(job))
        .isZero();
  }

  /**
   * The same, whatever its outcome: its exit code. Its JVM has this harness's checkpoints as the
   * checkpoint root, as 'sluice job backfill' has the live jobs' folder, so a backfill that used a
   * checkpoint would use the live job's.
   */
  public int tryBackfill(String job, String... settings) throws Exception {
    List<String> all = new ArrayList<>(List.of(job, "--topic", topic, "--cassandra-keyspace", keyspace,
        "--progress-file", backfillProgressFile(job).toString()));
    all.addAll(Arrays.asList(settings));
    Process process = start(launch().property(JobSettings.CHECKPOINT_ROOT_PROPERTY, checkpoints.toString())
        .build("backfill", all), backfillLog(job));
    return awaitExit(process, "the backfill of " + job);
  }

  public Path backfillLog(String job) {
    return LOGS.resolve(topic + "-backfill-" + job + ".log");
  }

  public Path backfillProgressFile(String job) {
    return LOGS.resolve(topic + "-backfill-" + job + ".progress.jsonl");
  }

  /** What each backfill of {@code job} that finished reported, in order. */
  public List<BackfillResult> backfillResults(String job) {
    return ProgressFile.readAll(backfillProgressFile(job)).stream()
        .filter(p -> p.event() == JobProgress.Event.FINISHED).map(JobProgress::backfill).toList();
  }

  /** A command of the jobs' main class run in this JVM (one that fails before it needs Spark). */
  public Outcome jobCommand(String... args) {
    return runInThisJvm(JobMain.commands(), args);
  }

  private Outcome runInThisJvm(CommandGroup commands, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Cli(commands, stack.asEnvironment(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    return new Outcome(code, err.toString(StandardCharsets.UTF_8));
  }

  private static JobLaunch launch() {
    return JobLaunch.of(System.getProperty("java.class.path"), System.getProperty("spark.jvm.flags", ""));
  }

  private Process start(List<String> argv, Path log) throws IOException {
    Files.createDirectories(LOGS);
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(stack.asEnvironment());
    builder.environment().putAll(JobLaunch.ENVIRONMENT);
    return builder.start();
  }

  private static void awaitEnd(Process process, String what) throws InterruptedException {
    assertThat(awaitExit(process, what)).as("%s exit code; log in %s", what, LOGS).isZero();
  }

  private static int awaitExit(Process process, String what) throws InterruptedException {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(what + " did not finish in 5 minutes; see " + LOGS);
    }
    return process.exitValue();
  }

  /** Runs a job with the available-now trigger to its end. */
  public void runToEnd(String job, String... settings) throws Exception {
    List<String> all = new ArrayList<>(List.of("--trigger", "available-now"));
    all.addAll(Arrays.asList(settings));
    awaitEnd(startJob(job, all.toArray(new String[0])), job);
  }

  /** The log of every run of {@code job} in this harness. */
  public Path jobLog(String job) {
    return LOGS.resolve(topic + "-" + job + ".log");
  }

  /** Micro-batches of {@code job} committed to its checkpoint so far. */
  public long committedBatches(String job) throws IOException {
    Path commits = checkpoints.resolve(job).resolve("commits");
    if (!Files.isDirectory(commits)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(commits)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
  }

  /** The progress file of every run of {@code job} in this harness. */
  public Path progressFile(String job) {
    return LOGS.resolve(topic + "-" + job + ".progress.jsonl");
  }

  /** The batches {@code job} reported in its progress file, over all its runs, in order. */
  public List<BatchMetrics> batchesReported(String job) {
    return ProgressFile.readAll(progressFile(job)).stream().filter(p -> p.event() == JobProgress.Event.BATCH)
        .map(JobProgress::batch).toList();
  }

  /** The late events a job reports, summed over its batches and runs. */
  public long lateEventsReported(String job) {
    return batchesReported(job).stream().mapToLong(BatchMetrics::droppedAsLate).sum();
  }

  /** The batch ids of every batch the job reported, in order. */
  public List<Long> batchIdsReported(String job) {
    return batchesReported(job).stream().map(BatchMetrics::batchId).toList();
  }

  public CqlSession session() {
    return CassandraSessions.open(stack.cassandra());
  }

  /** The rows of a table as CSV lines like the expected files: campaign, window start, end, then the values. */
  public List<String> rows(String table, String... valueColumns) {
    return rows(DefaultConsistencyLevel.LOCAL_ONE, table, valueColumns);
  }

  public List<String> rows(ConsistencyLevel consistency, String table, String... valueColumns) {
    try (CqlSession session = session()) {
      return AggregateTables.rows(session, consistency, keyspace, table, valueColumns);
    }
  }

  /** What the jobs must produce for these event files, joined with the sample's campaigns. */
  public static ExpectedAggregates expectedOf(Path... files) throws IOException {
    return ExpectedAggregates.ofFiles(Campaigns.readCsv(SAMPLES.resolve("campaigns.csv")).campaignByAd(),
        List.of(files));
  }

  public static List<String> expected(String file) throws IOException {
    return AggregateTables.expected(SAMPLES.resolve("expected").resolve(file));
  }
}
