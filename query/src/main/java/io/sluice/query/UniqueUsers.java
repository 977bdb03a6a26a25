package io.sluice.query;

import java.time.Instant;

/**
 * The distinct users of one campaign over {@code [from, to)}, merged from the minute sketches of the
 * minutes that lie wholly inside the range.
 *
 * @param estimate the merged sketch's estimate, rounded; 0 when no minute had a sketch
 * @param lowerBound the estimate's lower bound at the sketch format's confidence
 * @param upperBound its upper bound; it bounds the range's users only when the result is {@link #complete}
 * @param windows the minutes whose sketches were merged
 * @param windowsWithoutSketch minutes in the range written before sketches were kept, so left out
 */
public record UniqueUsers(String campaignId, Instant from, Instant to, long estimate, long lowerBound,
    long upperBound, int windows, int windowsWithoutSketch) {

  /** Whether every minute of the range that has a row was merged: otherwise the estimate is a lower limit. */
  public boolean complete() {
    return windowsWithoutSketch == 0;
  }
}
