package io.sluice.ingest.progress;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reports a long run's progress on standard error at a fixed interval (events, rate, errors), and
 * a summary at the end. Cheap to call on every event: it looks at the clock only every 1024 calls.
 */
public final class Progress {

  private final PrintStream out;
  private final String what;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private long lastReportNanos = startNanos;
  private long lastCount;
  private long ticks;
  private final Path heartbeat;

  public Progress(PrintStream out, String what, long intervalSeconds) {
    this(out, what, intervalSeconds, null);
  }

  /**
   * Also touches {@code heartbeat} (when not null) at every report, so that a health check can
   * tell a producer that makes progress from one that hangs.
   */
  public Progress(PrintStream out, String what, long intervalSeconds, Path heartbeat) {
    this.out = out;
    this.what = what;
    this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
    this.heartbeat = heartbeat;
    beat();
  }

  /** Call often; prints a line when the interval has passed. */
  public void tick(LongSupplier count, LongSupplier errors) {
    if ((++ticks & 1023) != 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastReportNanos >= intervalNanos) {
      long c = count.getAsLong();
      out.printf("%s: %,d events, %,.0f/s now, %,d errors%n", what, c, (c - lastCount) * 1e9 / (now - lastReportNanos),
          errors.getAsLong());
      lastReportNanos = now;
      lastCount = c;
      beat();
    }
  }

  private void beat() {
    if (heartbeat == null) {
      return;
    }
    try {
      if (Files.exists(heartbeat)) {
        Files.setLastModifiedTime(heartbeat, FileTime.fromMillis(System.currentTimeMillis()));
      } else {
        Files.createFile(heartbeat);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot touch the heartbeat file " + heartbeat, e);
    }
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  public void summary(long count, long errors, String extra) {
    double seconds = elapsedSeconds();
    out.printf("%s: done, %,d events in %.2f s (%,.0f/s), %,d errors%s%n", what, count, seconds,
        seconds > 0 ? count / seconds : 0, errors, extra.isEmpty() ? "" : "; " + extra);
  }
}
