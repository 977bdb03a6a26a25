package io.sluice.jobs;

import io.sluice.jobs.sink.Upsert;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * What makes one job: its aggregation of the shared event stream, and where its rows go. The
 * source, decoding, dead letters, campaign lookup, watermark, sink and metrics are the same for
 * every job and live in {@link JobRunner}; deduplication and windowing in
 * {@link io.sluice.jobs.window.WindowedCounts}.
 */
public interface StreamingJob {

  String name();

  String summary();

  /**
   * Aggregates the events (possibly with duplicate deliveries) into the rows the upserts write.
   * Events dropped as later than the allowed lateness are added to {@code late}.
   */
  Dataset<Row> aggregate(EventStream events, LongAccumulator late);

  /** The upserts each aggregate row is written with. */
  List<Upsert> upserts();
}
