package io.sluice.dashboard.api;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.dashboard.health.PipelineHealth;
import io.sluice.query.CampaignMinutesQuery;
import io.sluice.query.CampaignMinutesQuery.Minute;
import io.sluice.query.TopCampaignsQuery;
import io.sluice.query.UniqueUsers;
import io.sluice.query.UniqueUsersQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the JSON endpoints answer, read from Cassandra with the README's single-partition dashboard
 * queries (through the {@code query} module) and from the jobs' metrics. Times are ISO-8601 UTC.
 */
public final class DashboardApi {

  /** Minutes looked back for the newest complete minute of the campaign list. */
  static final int MINUTES_LOOKED_BACK = 3;

  private final TopCampaignsQuery top;
  private final CampaignMinutesQuery minutes;
  private final UniqueUsersQuery uniqueUsers;
  private final PipelineHealth health;

  public DashboardApi(CqlSession session, String keyspace, PipelineHealth health) {
    this.top = new TopCampaignsQuery(session, keyspace);
    this.minutes = new CampaignMinutesQuery(session, keyspace);
    this.uniqueUsers = new UniqueUsersQuery(session, keyspace);
    this.health = health;
  }

  /** GET /api/top: the newest complete 10-s window as of {@code at}, and its top {@code limit} campaigns. */
  public record TopWindow(String windowStart, String windowEnd, String lastWrite, long latencyMillis,
                          List<CampaignViews> campaigns) {
  }

  public record CampaignViews(String campaignId, long views) {
  }

  public record TopAnswer(String at, TopWindow window) {
  }

  public TopAnswer top(Instant at, int limit) {
    Optional<TopCampaignsQuery.Window> window = top.newestComplete(at);
    return new TopAnswer(at.toString(), window.map(w -> new TopWindow(w.start().toString(), w.end().toString(),
        w.lastWrite().toString(), w.latency().toMillis(),
        w.top(limit).stream().map(c -> new CampaignViews(c.campaignId(), c.views())).toList())).orElse(null));
  }

  /** GET /api/campaigns: the campaigns of the newest minute that ended by {@code at}, most views first. */
  public record CampaignList(String at, String minuteStart, List<CampaignMinute> campaigns) {
  }

  public record CampaignMinute(String campaignId, long views, long clicks, long purchases) {
  }

  public CampaignList campaigns(Instant at) {
    long newestEnd = CampaignMinutesQuery.minuteStart(at.toEpochMilli());
    for (int back = 1; back <= MINUTES_LOOKED_BACK; back++) {
      Instant start = Instant.ofEpochMilli(newestEnd - back * CampaignMinutesQuery.MINUTE_MILLIS);
      List<Minute> rows = minutes.campaignsOf(start);
      if (!rows.isEmpty()) {
        return new CampaignList(at.toString(), start.toString(), rows.stream()
            .map(m -> new CampaignMinute(m.campaignId(), m.views(), m.clicks(), m.purchases())).toList());
      }
    }
    return new CampaignList(at.toString(), null, List.of());
  }

  /** GET /api/campaigns/{id}/minutes: one campaign's minutes in [from, to) and its unique users over them. */
  public record CampaignRange(String campaignId, String from, String to, List<MinutePoint> minutes,
                              RangeUsers uniqueUsers) {
  }

  public record MinutePoint(String start, long views, long clicks, long purchases, double ctr, long uniqueUsers) {
  }

  public record RangeUsers(long estimate, long lowerBound, long upperBound, int minutesMerged, boolean complete) {
  }

  public CampaignRange campaign(String campaignId, Instant from, Instant to) {
    List<MinutePoint> points = minutes.between(campaignId, from, to).stream()
        .map(m -> new MinutePoint(m.start().toString(), m.views(), m.clicks(), m.purchases(), m.ctr(),
            m.uniqueUsers())).toList();
    UniqueUsers users = uniqueUsers.between(campaignId, from, to);
    return new CampaignRange(campaignId, from.toString(), to.toString(), points, new RangeUsers(users.estimate(),
        users.lowerBound(), users.upperBound(), users.windows(), users.complete()));
  }

  /** GET /api/health: the jobs' metrics, and the latency of the newest complete window. */
  public record Health(String at, Long windowLatencyMillis, String newestCompleteWindow,
                       List<PipelineHealth.JobHealth> jobs) {
  }

  public Health health(Instant at) {
    Optional<TopCampaignsQuery.Window> window = top.newestComplete(at);
    return new Health(at.toString(), window.map(w -> w.latency().toMillis()).orElse(null),
        window.map(w -> w.start().toString()).orElse(null), health.read());
  }
}
