package io.sluice.demo;

import com.datastax.oss.driver.api.core.CqlSession;
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

/** What a dashboard reads, for the live view: the newest complete 10-second window, its latency and top campaigns. */
final class Dashboard {

  static final long WINDOW_MILLIS = 10_000;

  /** The start of the 10-second window holding {@code epochMillis}, aligned to the epoch as the jobs align it. */
  static long windowStart(long epochMillis) {
    return Math.floorDiv(epochMillis, WINDOW_MILLIS) * WINDOW_MILLIS;
  }

  /** A complete window as the tables hold it. */
  record Window(Instant start, Instant end, Instant lastWrite, List<Row> topCampaigns) {

    /** The last write minus the window's end: the Yahoo Streaming Benchmark's window latency. */
    Duration latency() {
      return Duration.between(end, lastWrite);
    }

    /** Whether the row was last written at or after {@code moment}. */
    boolean writtenSince(Instant moment) {
      return !moment.isAfter(lastWrite);
    }

    /** The last write minus the later of the window's end and the moment its last view was sent. */
    Duration latencyAfter(Instant lastViewSent) {
      return Duration.between(lastViewSent.isAfter(end) ? lastViewSent : end, lastWrite);
    }
  }

  private final CqlSession session;
  private final String keyspace;

  Dashboard(CqlSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /**
   * The newest window that ended before {@code now} and was written after its end (so its counts
   * are final, as far as the stream has got); its latency is that last write minus the window's end.
   * Looks back a few windows, since the newest may not have been written since it closed.
   */
  Optional<Window> newestCompleteWindow(Instant now) {
    return newestCompleteWindow(now, window -> true);
  }

  /** As {@link #newestCompleteWindow(Instant)}, among the windows that {@code complete} also accepts. */
  Optional<Window> newestCompleteWindow(Instant now, Predicate<Window> complete) {
    long newestEnd = windowStart(now.toEpochMilli());
    for (int back = 0; back < 6; back++) {
      Instant end = Instant.ofEpochMilli(newestEnd - back * WINDOW_MILLIS);
      Instant start = end.minusMillis(WINDOW_MILLIS);
      List<Row> rows = new ArrayList<>(session.execute("SELECT " + Columns.CAMPAIGN_ID + ", " + Columns.VIEWS + ", "
          + Columns.UPDATED_AT + " FROM " + keyspace + "." + Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW + " WHERE "
          + Columns.WINDOW_START + " = ?", start).all());
      Instant lastWrite = rows.stream().map(r -> r.getInstant(Columns.UPDATED_AT)).max(Comparator.naturalOrder())
          .orElse(Instant.MIN);
      if (!lastWrite.isBefore(end)) {
        rows.sort(Comparator.comparingLong((Row r) -> r.getLong(Columns.VIEWS)).reversed());
        Window window = new Window(start, end, lastWrite, rows.subList(0, Math.min(10, rows.size())));
        if (complete.test(window)) {
          return Optional.of(window);
        }
      }
    }
    return Optional.empty();
  }

  long rowCount(String table) {
    return session.execute("SELECT count(*) FROM " + keyspace + "." + table).one().getLong(0);
  }
}
