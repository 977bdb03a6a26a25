package io.sluice.jobs.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.window;

import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.sink.Upsert;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The Yahoo Streaming Benchmark query: views per campaign in 10-second windows. */
public final class CampaignWindowCounts implements StreamingJob {

  @Override
  public String name() {
    return "campaign-window-counts";
  }

  @Override
  public String summary() {
    return "Views per campaign per 10-second window (the Yahoo Streaming Benchmark query).";
  }

  @Override
  public Dataset<Row> aggregate(Dataset<Row> events) {
    return events.filter(col("event_type").equalTo("view"))
        .groupBy(col("campaign_id"), window(col("event_time"), "10 seconds"))
        .agg(count(lit(1)).as("views"))
        .select(col("campaign_id"), col("window.start").as("window_start"), col("window.end").as("window_end"),
            col("views"));
  }

  @Override
  public List<Upsert> upserts() {
    return List.of(new ByCampaign(), new ByWindow());
  }

  private static final class ByCampaign implements Upsert {
    private static final long serialVersionUID = 1L;

    @Override
    public String cql() {
      return "INSERT INTO ${keyspace}.campaign_window_counts"
          + " (campaign_id, day, window_start, window_end, views, updated_at) VALUES (?, ?, ?, ?, ?, ?)";
    }

    @Override
    public List<Object> values(Row row, Instant writtenAt) {
      return List.of(WindowColumns.campaign(row), WindowColumns.day(row), WindowColumns.start(row),
          WindowColumns.end(row), row.<Long>getAs("views"), writtenAt);
    }
  }

  private static final class ByWindow implements Upsert {
    private static final long serialVersionUID = 1L;

    @Override
    public String cql() {
      return "INSERT INTO ${keyspace}.campaign_window_counts_by_window"
          + " (window_start, campaign_id, window_end, views, updated_at) VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    public List<Object> values(Row row, Instant writtenAt) {
      return List.of(WindowColumns.start(row), WindowColumns.campaign(row), WindowColumns.end(row),
          row.<Long>getAs("views"), writtenAt);
    }
  }
}
