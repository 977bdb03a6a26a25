package io.sluice.jobs;

import io.sluice.jobs.sink.Upsert;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What makes one job: its aggregation of the shared event stream, and where its rows go. The
 * source, decoding, dead letters, campaign lookup, watermark, deduplication, sink and metrics are
 * the same for every job and live in {@link JobRunner}.
 */
public interface StreamingJob {

  String name();

  String summary();

  /**
   * Aggregates events (columns of {@link io.sluice.jobs.decode.DecodeAndEnrich#EVENT_SCHEMA}, already
   * watermarked and deduplicated by event id) into the rows the upserts write.
   */
  Dataset<Row> aggregate(Dataset<Row> events);

  /** The upserts each aggregate row is written with. */
  List<Upsert> upserts();
}
