package io.sluice.jobs.aggregate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;

/** Reading the window columns every aggregate row has: campaign_id, window_start, window_end. */
final class WindowColumns {

  private WindowColumns() {
  }

  static String campaign(Row row) {
    return row.getAs("campaign_id");
  }

  static Instant start(Row row) {
    return row.<Timestamp>getAs("window_start").toInstant();
  }

  static Instant end(Row row) {
    return row.<Timestamp>getAs("window_end").toInstant();
  }

  /** The UTC day of the window's start: the bucket of the per-campaign tables. */
  static LocalDate day(Row row) {
    return LocalDate.ofInstant(start(row), ZoneOffset.UTC);
  }
}
