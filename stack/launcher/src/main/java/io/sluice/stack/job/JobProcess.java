package io.sluice.stack.job;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A streaming job in a JVM of its own, as 'sluice job run' starts it, and what its log says of its
 * micro-batches (one line each, written by the job's metrics listener). The demo and the benchmarks
 * start their jobs through it.
 */
public final class JobProcess implements AutoCloseable {

  private static final Pattern BATCH = Pattern.compile(
      "batch (\\d+): ([\\d,]+) rows in ([\\d,]+) ms \\(([\\d,]+)/s in, ([\\d,]+)/s processed\\)");

  private final String job;
  private final Process process;
  private final Path log;
  private long logPosition;
  private boolean started;
  private long batches;
  private long inputRows;
  private long lastBatchMillis;
  private long lastProcessedPerSecond;
  private final List<Batch> history = new ArrayList<>();

  /** One micro-batch as the job logged it. */
  public record Batch(long id, long rows, long millis) {
  }

  private JobProcess(String job, Process process, Path log) {
    this.job = job;
    this.process = process;
    this.log = log;
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
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    builder.environment().putAll(JobLaunch.ENVIRONMENT);
    return new JobProcess(job, builder.start(), log);
  }

  public String job() {
    return job;
  }

  public Path log() {
    return log;
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

  /** Reads what the log gained since the last call. */
  public void poll() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      if (file.length() <= logPosition) {
        return;
      }
      file.seek(logPosition);
      byte[] bytes = new byte[(int) (file.length() - logPosition)];
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int lastNewline = text.lastIndexOf('\n');
      if (lastNewline < 0) {
        return;
      }
      logPosition += text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
      for (String line : text.substring(0, lastNewline).split("\n")) {
        if (line.contains(job + " started (query id")) {
          started = true;
        }
        Matcher m = BATCH.matcher(line);
        if (m.find()) {
          batches++;
          history.add(new Batch(number(m.group(1)), number(m.group(2)), number(m.group(3))));
          inputRows += number(m.group(2));
          lastBatchMillis = number(m.group(3));
          lastProcessedPerSecond = number(m.group(5));
        }
      }
    }
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", ""));
  }

  /** The query is running: it has said so in its log. */
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
