package io.sluice.jobs.aggregate;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.sink.Upsert;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Per campaign per minute: views, clicks, purchases, approximate unique users and click-through rate. */
public final class CampaignMinuteStats implements StreamingJob {

  /** HyperLogLog++ relative standard deviation: 1%, so nearly every estimate is within the 2% promised. */
  static final double UNIQUE_USERS_RSD = 0.01;

  @Override
  public String name() {
    return "campaign-minute-stats";
  }

  @Override
  public String summary() {
    return "Views, clicks, purchases, unique users (approximate) and CTR per campaign per minute.";
  }

  @Override
  public Dataset<Row> aggregate(Dataset<Row> events) {
    return events.groupBy(col("campaign_id"), window(col("event_time"), "1 minute"))
        .agg(countOf("view").as("views"), countOf("click").as("clicks"), countOf("purchase").as("purchases"),
            approx_count_distinct(col("user_id"), UNIQUE_USERS_RSD).as("unique_users"))
        .select(col("campaign_id"), col("window.start").as("window_start"), col("window.end").as("window_end"),
            col("views"), col("clicks"), col("purchases"), col("unique_users"),
            when(col("views").gt(0), col("clicks").cast("double").divide(col("views"))).otherwise(lit(0.0))
                .as("ctr"));
  }

  private static Column countOf(String eventType) {
    return sum(when(col("event_type").equalTo(eventType), 1L).otherwise(0L));
  }

  @Override
  public List<Upsert> upserts() {
    return List.of(new ByCampaign(), new ByWindow());
  }

  private static List<Object> stats(Row row) {
    return List.of(row.<Long>getAs("views"), row.<Long>getAs("clicks"), row.<Long>getAs("purchases"),
        row.<Long>getAs("unique_users"), row.<Double>getAs("ctr"));
  }

  private static final class ByCampaign implements Upsert {
    private static final long serialVersionUID = 1L;

    @Override
    public String cql() {
      return "INSERT INTO ${keyspace}.campaign_minute_stats (campaign_id, day, window_start, window_end, views,"
          + " clicks, purchases, unique_users, ctr, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public List<Object> values(Row row, Instant writtenAt) {
      List<Object> values = new java.util.ArrayList<>(List.of(WindowColumns.campaign(row), WindowColumns.day(row),
          WindowColumns.start(row), WindowColumns.end(row)));
      values.addAll(stats(row));
      values.add(writtenAt);
      return values;
    }
  }

  private static final class ByWindow implements Upsert {
    private static final long serialVersionUID = 1L;

    @Override
    public String cql() {
      return "INSERT INTO ${keyspace}.campaign_minute_stats_by_window (window_start, campaign_id, window_end, views,"
          + " clicks, purchases, unique_users, ctr, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public List<Object> values(Row row, Instant writtenAt) {
      List<Object> values = new java.util.ArrayList<>(List.of(WindowColumns.start(row), WindowColumns.campaign(row),
          WindowColumns.end(row)));
      values.addAll(stats(row));
      values.add(writtenAt);
      return values;
    }
  }
}
