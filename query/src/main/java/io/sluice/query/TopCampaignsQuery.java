package io.sluice.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * "Top campaigns now": the newest complete 10-second window and its campaigns by views, read as the
 * README's dashboard query does, one window partition of {@code campaign_window_counts_by_window}
 * at a time. A window is complete once it has ended and a row of it was written after its end: its
 * counts are then final as far as the stream has got, and that write less the window's end is the
 * pipeline's latency.
 *
 * <pre>{@code
 * new TopCampaignsQuery(session, "sluice").newestComplete(Instant.now())
 *     .ifPresent(w -> System.out.println(w.campaigns().get(0)));
 * }</pre>
 */
public final class TopCampaignsQuery {

  public static final long WINDOW_MILLIS = 10_000;
  /** Windows looked back from the newest that has ended: the newest may not have been written since it closed. */
  static final int LOOK_BACK = 6;

  private final CqlSession session;
  private final PreparedStatement windowRows;

  public TopCampaignsQuery(CqlSession session, String keyspace) {
    this.session = session;
    this.windowRows = session.prepare("SELECT " + Columns.CAMPAIGN_ID + ", " + Columns.VIEWS + ", "
        + Columns.UPDATED_AT + " FROM " + keyspace + "." + Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW + " WHERE "
        + Columns.WINDOW_START + " = ?");
  }

  /** One campaign's views in a window. */
  public record CampaignViews(String campaignId, long views) {
  }

  /** A complete window as the table holds it, its campaigns by views, most first. */
  public record Window(Instant start, Instant end, Instant lastWrite, List<CampaignViews> campaigns) {

    /** The last write less the window's end: the Yahoo Streaming Benchmark's window latency. */
    public Duration latency() {
      return Duration.between(end, lastWrite);
    }

    /** The first {@code n} campaigns. */
    public List<CampaignViews> top(int n) {
      return campaigns.subList(0, Math.min(n, campaigns.size()));
    }
  }

  /** The start of the 10-second window holding {@code epochMillis}, aligned to the epoch as the jobs align it. */
  public static long windowStart(long epochMillis) {
    return Math.floorDiv(epochMillis, WINDOW_MILLIS) * WINDOW_MILLIS;
  }

  /** The newest window that ended by {@code now} and was written after its end. */
  public Optional<Window> newestComplete(Instant now) {
    return newestComplete(now, window -> true);
  }

  /** As {@link #newestComplete(Instant)}, among the windows that {@code complete} also accepts. */
  public Optional<Window> newestComplete(Instant now, Predicate<Window> complete) {
    long newestEnd = windowStart(now.toEpochMilli());
    for (int back = 0; back < LOOK_BACK; back++) {
      Instant end = Instant.ofEpochMilli(newestEnd - back * WINDOW_MILLIS);
      Optional<Window> window = window(end.minusMillis(WINDOW_MILLIS));
      if (window.isPresent() && !window.get().lastWrite().isBefore(end) && complete.test(window.get())) {
        return window;
      }
    }
    return Optional.empty();
  }

  /** The window that starts at {@code start}, if it has any row. */
  public Optional<Window> window(Instant start) {
    List<CampaignViews> campaigns = new ArrayList<>();
    Instant lastWrite = Instant.MIN;
    for (Row row : session.execute(windowRows.bind(start))) {
      campaigns.add(new CampaignViews(row.getString(Columns.CAMPAIGN_ID), row.getLong(Columns.VIEWS)));
      Instant updated = row.getInstant(Columns.UPDATED_AT);
      if (updated != null && updated.isAfter(lastWrite)) {
        lastWrite = updated;
      }
    }
    if (campaigns.isEmpty()) {
      return Optional.empty();
    }
    campaigns.sort(Comparator.comparingLong(CampaignViews::views).reversed()
        .thenComparing(CampaignViews::campaignId));
    return Optional.of(new Window(start, start.plusMillis(WINDOW_MILLIS), lastWrite, List.copyOf(campaigns)));
  }
}
