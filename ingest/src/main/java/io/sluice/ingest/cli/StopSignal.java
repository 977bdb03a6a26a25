package io.sluice.ingest.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (SIGINT/SIGTERM) into a request to stop: the producing loop sees {@link #requested},
 * flushes and prints its summary, and the JVM exits only after that (or after 30 s).
 */
final class StopSignal implements AutoCloseable {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onSignal, "sluice-stop");

  StopSignal() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private void onSignal() {
    requested.set(true);
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean requested() {
    return requested.get();
  }

  /** The loop is done: let the JVM exit, or stop waiting for a signal. */
  @Override
  public void close() {
    finished.countDown();
    if (!requested.get()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already.
      }
    }
  }
}
