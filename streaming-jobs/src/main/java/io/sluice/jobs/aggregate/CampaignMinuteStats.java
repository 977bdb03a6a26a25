package io.sluice.jobs.aggregate;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;
import static io.sluice.jobs.sink.UpsertColumn.CAMPAIGN_ID;
import static io.sluice.jobs.sink.UpsertColumn.DAY;
import static io.sluice.jobs.sink.UpsertColumn.UPDATED_AT;
import static io.sluice.jobs.sink.UpsertColumn.WINDOW_END;
import static io.sluice.jobs.sink.UpsertColumn.WINDOW_START;

import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.sink.Upsert;
import io.sluice.jobs.sink.UpsertColumn;
import java.util.ArrayList;
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
    List<UpsertColumn> stats = List.of(UpsertColumn.same("views"), UpsertColumn.same("clicks"),
        UpsertColumn.same("purchases"), UpsertColumn.same("unique_users"), UpsertColumn.same("ctr"), UPDATED_AT);
    return List.of(
        Upsert.into("campaign_minute_stats", concat(List.of(CAMPAIGN_ID, DAY, WINDOW_START, WINDOW_END), stats)),
        Upsert.into("campaign_minute_stats_by_window", concat(List.of(WINDOW_START, CAMPAIGN_ID, WINDOW_END), stats)));
  }

  private static List<UpsertColumn> concat(List<UpsertColumn> key, List<UpsertColumn> values) {
    List<UpsertColumn> all = new ArrayList<>(key);
    all.addAll(values);
    return all;
  }
}
