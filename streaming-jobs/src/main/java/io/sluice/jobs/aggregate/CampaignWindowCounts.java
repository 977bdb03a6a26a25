package io.sluice.jobs.aggregate;

import static org.apache.spark.sql.functions.col;
import static io.sluice.jobs.sink.UpsertColumn.CAMPAIGN_ID;
import static io.sluice.jobs.sink.UpsertColumn.DAY;
import static io.sluice.jobs.sink.UpsertColumn.UPDATED_AT;
import static io.sluice.jobs.sink.UpsertColumn.WINDOW_END;
import static io.sluice.jobs.sink.UpsertColumn.WINDOW_START;

import io.sluice.jobs.EventStream;
import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.sink.Upsert;
import io.sluice.jobs.sink.UpsertColumn;
import io.sluice.jobs.window.WindowedCounts;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/** The Yahoo Streaming Benchmark query: views per campaign in 10-second windows. */
public final class CampaignWindowCounts implements StreamingJob {

  static final Duration WINDOW = Duration.ofSeconds(10);

  @Override
  public String name() {
    return "campaign-window-counts";
  }

  @Override
  public String summary() {
    return "Views per campaign per 10-second window (the Yahoo Streaming Benchmark query).";
  }

  @Override
  public Dataset<Row> aggregate(EventStream events, LongAccumulator late) {
    return WindowedCounts.per(WINDOW).viewsOnly().apply(events, late)
        .select(col(Columns.CAMPAIGN_ID), col(Columns.WINDOW_START), col(Columns.WINDOW_END), col(Columns.VIEWS));
  }

  @Override
  public List<Upsert> upserts() {
    UpsertColumn views = UpsertColumn.same(Columns.VIEWS);
    return List.of(
        Upsert.into(Tables.CAMPAIGN_WINDOW_COUNTS, CAMPAIGN_ID, DAY, WINDOW_START, WINDOW_END, views, UPDATED_AT),
        Upsert.into(Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW, WINDOW_START, CAMPAIGN_ID, WINDOW_END, views, UPDATED_AT))
        .stream().map(upsert -> upsert.forWindowsOf(WINDOW)).toList();
  }
}
