package io.sluice.jobs.supervise;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a streaming query again from its checkpoint after a transient failure, with exponential
 * backoff; a permanent failure, or one more transient failure than the attempts allow, ends the run
 * with that failure. A run that lasted longer than the longest backoff counts as healthy: the
 * next failure starts counting afresh, so a job that fails once a day is never given up on.
 */
public final class Supervisor {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** One run of the query, to its end or its failure. */
  @FunctionalInterface
  public interface Run {
    void run() throws Exception;
  }

  /** Waits between runs; tests replace it. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final String name;
  private final int restarts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  public Supervisor(String name, int restarts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
    this.name = name;
    this.restarts = restarts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff;
    this.sleeper = sleeper;
  }

  public Supervisor(String name, int restarts, Duration initialBackoff, Duration maxBackoff) {
    this(name, restarts, initialBackoff, maxBackoff, duration -> Thread.sleep(duration.toMillis()));
  }

  public void run(Run run) throws Exception {
    int failures = 0;
    Duration backoff = initialBackoff;
    while (true) {
      long started = System.nanoTime();
      try {
        run.run();
        return;
      } catch (Exception e) {
        if (Duration.ofNanos(System.nanoTime() - started).compareTo(maxBackoff) > 0) {
          failures = 0;
          backoff = initialBackoff;
        }
        Throwable cause = Failures.transientCause(e);
        if (cause == null) {
          LOG.error("{} failed, not on a transient error: not restarted", name);
          throw e;
        }
        if (failures == restarts) {
          LOG.error("{} failed on a transient error {} times in a row ({}); giving up", name, failures + 1,
              cause.toString());
          throw e;
        }
        failures++;
        LOG.warn("{} failed on a transient error ({}); restart {} of {} from the checkpoint in {} ms", name,
            cause.toString(), failures, restarts, backoff.toMillis());
        sleeper.sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      }
    }
  }
}
