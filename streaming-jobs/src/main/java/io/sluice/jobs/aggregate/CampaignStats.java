package io.sluice.jobs.aggregate;

import io.sluice.jobs.EventStream;
import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.sink.Upsert;
import io.sluice.jobs.window.WindowedCounts;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Both jobs' tables from one query: per campaign per minute, the minute's stats and the views of
 * each of its six 10-second windows. The events are read, decoded and deduplicated once, into one
 * state, for one set of per-batch costs; the rows are exactly those of the two jobs run apart.
 */
public final class CampaignStats implements StreamingJob {

  private final CampaignWindowCounts windowCounts = new CampaignWindowCounts();
  private final CampaignMinuteStats minuteStats = new CampaignMinuteStats();

  @Override
  public String name() {
    return "campaign-stats";
  }

  @Override
  public String summary() {
    return "Both at once, from one read of the topic: the tables of " + windowCounts.name() + " and "
        + minuteStats.name() + ".";
  }

  @Override
  public Dataset<Row> aggregate(EventStream events, LongAccumulator late) {
    return CampaignMinuteStats.withCtr(WindowedCounts.per(CampaignMinuteStats.WINDOW).withUniqueUsers()
        .withSubWindows(CampaignWindowCounts.WINDOW).apply(events, late));
  }

  @Override
  public List<Upsert> upserts() {
    List<Upsert> all = new ArrayList<>(windowCounts.upserts());
    all.addAll(minuteStats.upserts());
    return all;
  }
}
