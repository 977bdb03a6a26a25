package io.sluice.metrics.progress;

import java.util.Locale;

/**
 * What one micro-batch of a streaming job did, as its log line and its progress file report it. {@code watermark} is ISO-8601, or empty before the first event.
 * {@code phaseMillis} splits the duration as Spark measures it: finding the latest offsets,
 * planning, the offset log write (wal), running the batch with its sink (addBatch) and the commit
 * log write; {@code stateWork} what the state store took of it.
 */
public record BatchMetrics(String job, long batchId, long inputRows, double inputRowsPerSecond,
                           double processedRowsPerSecond, long durationMillis, String watermark, long stateRows,
                           long droppedAsLate, long deadLetters, long unknownAds, Phases phaseMillis,
                           StateWork stateWork) {

  /** Where a batch's time went, in milliseconds; 0 for a phase Spark did not report. */
  public record Phases(long latestOffset, long planning, long wal, long addBatch, long commit) {
  }

  /**
   * The stateful operators' share of the batch (inside addBatch), summed over operators and
   * partitions: updating and removing state, committing the store, and the store's memory.
   */
  public record StateWork(long updateMillis, long removalMillis, long commitMillis, long memoryBytes) {
  }

  /**
   * One log line, the same under every default locale, so that logs read alike wherever they were
   * written. Programs read {@link ProgressFile} instead.
   */
  public String describe() {
    return String.format(Locale.ROOT, "%s batch %d: %,d rows in %,d ms (%,.0f/s in, %,.0f/s processed), watermark %s,"
            + " state %,d rows, %,d late, %,d dead letters, %,d unknown ads; ms: offsets %d, planning %d, wal %d,"
            + " batch %d, commit %d; state ms: updates %d, removals %d, commit %d, memory %,d MiB", job, batchId,
        inputRows, durationMillis,
        inputRowsPerSecond, processedRowsPerSecond, watermark.isEmpty() ? "-" : watermark, stateRows, droppedAsLate,
        deadLetters, unknownAds, phaseMillis.latestOffset(), phaseMillis.planning(), phaseMillis.wal(),
        phaseMillis.addBatch(), phaseMillis.commit(), stateWork.updateMillis(), stateWork.removalMillis(),
        stateWork.commitMillis(), stateWork.memoryBytes() >> 20);
  }
}
