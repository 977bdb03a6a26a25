package io.sluice.stack.job;

import io.sluice.metrics.progress.BackfillResult;
import io.sluice.metrics.progress.BatchMetrics;
import io.sluice.metrics.progress.JobProgress;
import io.sluice.metrics.progress.ProgressFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A streaming job in a JVM of its own, as 'sluice job run' starts it, and what its progress file
 * (beside its log, one JSON line per event) says of its micro-batches. The demo and the benchmarks
 * start their jobs through it.
 */
public final class JobProcess implements AutoCloseable {

  /** The environment variable of the jobs' progress-file setting. */
  private static final String PROGRESS_FILE_ENV = "SLUICE_PROGRESS_FILE";

  private final String job;
  private final Process process;
  private final Path log;
  private final Path progressFile;
  private final ProgressFile.Reader progress;
  private boolean started;
  private long batches;
  private long inputRows;
  private long lastBatchMillis;
  private long lastProcessedPerSecond;
  private final List<Batch> history = new ArrayList<>();
  private BatchMetrics last;
  private BackfillResult backfill;

  /** One micro-batch as the job reported it. */
  public record Batch(long id, long rows, long millis) {
  }

  private JobProcess(String job, Process process, Path log, Path progressFile) {
    this.job = job;
    this.process = process;
    this.log = log;
    this.progressFile = progressFile;
    this.progress = ProgressFile.reader(progressFile);
  }

  public static JobProcess start(Path home, String job, Path log, List<String> settings, Map<String, String> env)
      throws IOException {
    return start(home, job, log, List.of("-Xmx768m"), settings, env);
  }

  /** Starts {@code job} with {@code jvmOptions} (such as the heap) ahead of Spark's own module flags. */
  public static JobProcess start(Path home, String job, Path log, List<String> jvmOptions, List<String> settings,
                                 Map<String, String> env) throws IOException {
    List<String> argv = JobLaunch.fromCheckout(home).jvmOptions(jvmOptions).build(job, settings);
    Files.createDirectories(log.getParent());
    Path progressFile = log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", "")
        + ".progress.jsonl");
    Files.deleteIfExists(progressFile);
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    builder.environment().putAll(JobLaunch.ENVIRONMENT);
    // By the environment, not a flag: the same for a streaming job and a backfill (which takes its flags after JOB).
    builder.environment().put(PROGRESS_FILE_ENV, progressFile.toString());
    return new JobProcess(job, builder.start(), log, progressFile);
  }

  public String job() {
    return job;
  }

  public Path log() {
    return log;
  }

  /** Where the job reports its progress. */
  public Path progressFile() {
    return progressFile;
  }

  public long pid() {
    return process.pid();
  }

  /** Every micro-batch read from the log so far, oldest first. */
  public List<Batch> history() {
    return List.copyOf(history);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Reads what the progress file gained since the last call. */
  public void poll() {
    for (JobProgress event : progress.poll()) {
      if (event.event() == JobProgress.Event.STARTED) {
        started = true;
      } else if (event.event() == JobProgress.Event.BATCH) {
        BatchMetrics b = event.batch();
        batches++;
        history.add(new Batch(b.batchId(), b.inputRows(), b.durationMillis()));
        inputRows += b.inputRows();
        lastBatchMillis = b.durationMillis();
        lastProcessedPerSecond = Math.round(b.processedRowsPerSecond());
        last = b;
      } else if (event.event() == JobProgress.Event.FINISHED) {
        backfill = event.backfill();
      }
    }
  }

  /** What a backfill reported when it finished, once it has. */
  public Optional<BackfillResult> backfillResult() {
    return Optional.ofNullable(backfill);
  }

  /** The newest batch reported, if any. */
  public Optional<BatchMetrics> lastBatch() {
    return Optional.ofNullable(last);
  }

  /** The query is running: it has said so in its progress file. */
  public boolean started() {
    return started;
  }

  public long batches() {
    return batches;
  }

  /** Kafka records the job has read so far, over all its batches. */
  public long inputRows() {
    return inputRows;
  }

  public long lastBatchMillis() {
    return lastBatchMillis;
  }

  public long lastProcessedPerSecond() {
    return lastProcessedPerSecond;
  }

  /** Waits for a job that ends by itself (the available-now trigger); false if it is still running. */
  public boolean waitFor(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** Stops the job gracefully (SIGTERM), forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
