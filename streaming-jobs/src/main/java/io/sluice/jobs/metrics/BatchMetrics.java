package io.sluice.jobs.metrics;

/** What one micro-batch did. {@code watermark} is ISO-8601, or empty before the first event. */
public record BatchMetrics(String job, long batchId, long inputRows, double inputRowsPerSecond,
                           double processedRowsPerSecond, long durationMillis, String watermark, long stateRows,
                           long droppedAsLate, long deadLetters, long unknownAds) {

  /** One log line. */
  public String describe() {
    return String.format("%s batch %d: %,d rows in %,d ms (%,.0f/s in, %,.0f/s processed), watermark %s,"
            + " state %,d rows, %,d late, %,d dead letters, %,d unknown ads", job, batchId, inputRows, durationMillis,
        inputRowsPerSecond, processedRowsPerSecond, watermark.isEmpty() ? "-" : watermark, stateRows, droppedAsLate,
        deadLetters, unknownAds);
  }
}
