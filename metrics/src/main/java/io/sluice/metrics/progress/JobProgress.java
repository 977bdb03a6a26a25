package io.sluice.metrics.progress;

/**
 * One line of a job's progress file: the query {@code started}, a {@code batch} completed (with its
 * metrics), the query {@code stopped} or {@code failed} (with the error), or a backfill
 * {@code finished} (with its result). {@code timeMillis} is when the job wrote it.
 */
public record JobProgress(Event event, String job, long timeMillis, BatchMetrics batch, String error,
                          BackfillResult backfill) {

  /** What happened. */
  public enum Event { STARTED, BATCH, STOPPED, FAILED, FINISHED }

  public static JobProgress started(String job) {
    return new JobProgress(Event.STARTED, job, System.currentTimeMillis(), null, null, null);
  }

  public static JobProgress batch(BatchMetrics batch) {
    return new JobProgress(Event.BATCH, batch.job(), System.currentTimeMillis(), batch, null, null);
  }

  public static JobProgress stopped(String job) {
    return new JobProgress(Event.STOPPED, job, System.currentTimeMillis(), null, null, null);
  }

  public static JobProgress failed(String job, String error) {
    return new JobProgress(Event.FAILED, job, System.currentTimeMillis(), null, error, null);
  }

  public static JobProgress finished(String job, BackfillResult result) {
    return new JobProgress(Event.FINISHED, job, System.currentTimeMillis(), null, null, result);
  }
}
