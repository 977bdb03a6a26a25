package io.sluice.metrics.progress;

/** What a backfill read and wrote, in {@code seconds}: its progress file's last line. */
public record BackfillResult(long recordsRead, long decoded, long undecodable, long unknownAds, long rowsWritten,
                             double seconds) {

  public double recordsPerSecond() {
    return recordsRead / Math.max(1e-3, seconds);
  }
}
