package io.sluice.jobs.faults;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded waits of the fault tests: each names what it waits for, and stops waiting when the job has died. */
final class Waits {

  private Waits() {
  }

  /** Waits for {@code condition}; fails naming {@code what} if the time runs out or the job process ends. */
  static void until(String what, Duration timeout, Process job, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (job != null && !job.isAlive()) {
        throw new AssertionError("the job exited (" + job.exitValue() + ") while waiting for " + what);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(250);
    }
  }
}
