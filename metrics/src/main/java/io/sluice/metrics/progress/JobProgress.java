package io.sluice.metrics.progress;

/**
 * One line of a job's progress file: the query {@code started}, a {@code batch} completed (with its
 * metrics), or the query {@code stopped} or {@code failed} (with the error). {@code timeMillis} is
 * when the job wrote it.
 */
public record JobProgress(Event event, String job, long timeMillis, BatchMetrics batch, String error) {

  /** What happened. */
  public enum Event { STARTED, BATCH, STOPPED, FAILED }

  public static JobProgress started(String job) {
    return new JobProgress(Event.STARTED, job, System.currentTimeMillis(), null, null);
  }

  public static JobProgress batch(BatchMetrics batch) {
    return new JobProgress(Event.BATCH, batch.job(), System.currentTimeMillis(), batch, null);
  }

  public static JobProgress stopped(String job) {
    return new JobProgress(Event.STOPPED, job, System.currentTimeMillis(), null, null);
  }

  public static JobProgress failed(String job, String error) {
    return new JobProgress(Event.FAILED, job, System.currentTimeMillis(), null, error);
  }
}
