package io.sluice.jobs.backfill;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;

/**
 * Prints a backfill's progress while Spark runs it: records read (of how many, when known), the
 * rate, and rows written. Spark merges a task's counts when the task ends, so the input is read in
 * many tasks and the figures move as they finish.
 */
final class BackfillProgress implements AutoCloseable {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "sluice-backfill-progress");
    thread.setDaemon(true);
    return thread;
  });
  private final long startNanos = System.nanoTime();

  BackfillProgress(PrintStream err, String name, Duration interval, long totalRecords, List<LongAccumulator> read,
                   List<LongAccumulator> written) {
    timer.scheduleAtFixedRate(() -> err.println(name + ": " + line(totalRecords, sum(read), sum(written))),
        interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private String line(long total, long read, long written) {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    String of = total > 0 ? String.format(" of %,d (%d%%)", total, read * 100 / total) : "";
    return String.format("read %,d records%s, %,.0f/s; %,d window rows written", read, of, read / seconds,
        written);
  }

  static long sum(List<LongAccumulator> counters) {
    return counters.stream().mapToLong(LongAccumulator::value).sum();
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Stops the printing; no progress line comes after the summary. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
