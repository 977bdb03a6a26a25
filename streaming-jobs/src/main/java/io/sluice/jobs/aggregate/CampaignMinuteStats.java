package io.sluice.jobs.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Per campaign per minute: views, clicks, purchases, unique users (exact) and click-through rate,
 * and the minute's users as a mergeable sketch, from which the users of any range are counted.
 */
public final class CampaignMinuteStats implements StreamingJob {

  static final Duration WINDOW = Duration.ofMinutes(1);

  @Override
  public String name() {
    return "campaign-minute-stats";
  }

  @Override
  public String summary() {
    return "Views, clicks, purchases, unique users and CTR per campaign per minute.";
  }

  @Override
  public Dataset<Row> aggregate(EventStream events, LongAccumulator late) {
    return withCtr(WindowedCounts.per(WINDOW).withUniqueUsers().apply(events, late));
  }

  /** The counts with the click-through rate added: clicks / views, 0 without views. */
  static Dataset<Row> withCtr(Dataset<Row> counts) {
    return counts.select(col(Columns.CAMPAIGN_ID), col(Columns.WINDOW_START), col(Columns.WINDOW_END),
        col(Columns.VIEWS), col(Columns.CLICKS), col(Columns.PURCHASES), col(Columns.UNIQUE_USERS),
        when(col(Columns.VIEWS).gt(0), col(Columns.CLICKS).cast("double").divide(col(Columns.VIEWS)))
            .otherwise(lit(0.0)).as(Columns.CTR),
        col(Columns.USERS_SKETCH));
  }

  @Override
  public List<Upsert> upserts() {
    List<UpsertColumn> stats = List.of(UpsertColumn.same(Columns.VIEWS), UpsertColumn.same(Columns.CLICKS),
        UpsertColumn.same(Columns.PURCHASES), UpsertColumn.same(Columns.UNIQUE_USERS), UpsertColumn.same(Columns.CTR),
        UPDATED_AT);
    return List.of(
        // Only the per-campaign table keeps the users sketch: ranges of minutes are read from it.
        Upsert.into(Tables.CAMPAIGN_MINUTE_STATS, concat(List.of(CAMPAIGN_ID, DAY, WINDOW_START, WINDOW_END), stats,
            List.of(UpsertColumn.bytes(Columns.USERS_SKETCH)))),
        Upsert.into(Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW, concat(List.of(WINDOW_START, CAMPAIGN_ID, WINDOW_END), stats)))
        .stream().map(upsert -> upsert.forWindowsOf(WINDOW)).toList();
  }

  @SafeVarargs
  private static List<UpsertColumn> concat(List<UpsertColumn>... parts) {
    List<UpsertColumn> all = new ArrayList<>();
    for (List<UpsertColumn> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
