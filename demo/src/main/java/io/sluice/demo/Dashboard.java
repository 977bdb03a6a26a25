package io.sluice.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.query.TopCampaignsQuery;
import io.sluice.query.TopCampaignsQuery.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the live view reads: the newest complete 10-second window and its top campaigns, as
 * {@link TopCampaignsQuery} reads them for every dashboard, and how late a window was written.
 */
final class Dashboard {

  static final long WINDOW_MILLIS = TopCampaignsQuery.WINDOW_MILLIS;
  static final int TOP = 10;

  private final CqlSession session;
  private final String keyspace;
  private final TopCampaignsQuery top;

  Dashboard(CqlSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
    this.top = new TopCampaignsQuery(session, keyspace);
  }

  static long windowStart(long epochMillis) {
    return TopCampaignsQuery.windowStart(epochMillis);
  }

  /** Whether the window's rows were last written at or after {@code moment}. */
  static boolean writtenSince(Window window, Instant moment) {
    return !moment.isAfter(window.lastWrite());
  }

  /** The last write less the later of the window's end and the moment its last view was sent. */
  static Duration latencyAfter(Window window, Instant lastViewSent) {
    return Duration.between(lastViewSent.isAfter(window.end()) ? lastViewSent : window.end(), window.lastWrite());
  }

  Optional<Window> newestCompleteWindow(Instant now) {
    return top.newestComplete(now);
  }

  Optional<Window> newestCompleteWindow(Instant now, Predicate<Window> complete) {
    return top.newestComplete(now, complete);
  }

  long rowCount(String table) {
    return session.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0);
  }
}
