package io.sluice.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import io.sluice.schemas.sketch.UsersSketchFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.datasketches.SketchesArgumentException;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Counts the distinct users of a campaign over any range by merging the users sketches of its
 * minutes ({@link UsersSketchFormat}). Each UTC day of the range is one single-partition read of
 * {@code campaign_minute_stats}, a few dozen of them in flight at once, so a month costs 31 reads
 * and a year 366, never a scan.
 *
 * <pre>{@code
 * UniqueUsers users = new UniqueUsersQuery(session, "sluice")
 *     .between(campaignId, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z"));
 * users.estimate();
 * }</pre>
 */
public final class UniqueUsersQuery {

  /** The form of campaign ids: the UUID text that the producers and the ads table use. */
  public static final String CAMPAIGN_ID_REGEX = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final Pattern CAMPAIGN_ID = Pattern.compile(CAMPAIGN_ID_REGEX);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final int DAYS_IN_FLIGHT = 32;
  /** A day holds at most 1,440 minutes: one page. */
  private static final int PAGE_SIZE = 1_500;

  private final CqlSession session;
  private final PreparedStatement minutesOfDay;

  public UniqueUsersQuery(CqlSession session, String keyspace) {
    this.session = session;
    this.minutesOfDay = session.prepare("SELECT " + Columns.USERS_SKETCH + " FROM " + keyspace + "."
        + Tables.CAMPAIGN_MINUTE_STATS + " WHERE " + Columns.CAMPAIGN_ID + " = ? AND " + Columns.DAY + " = ? AND "
        + Columns.WINDOW_START + " >= ? AND " + Columns.WINDOW_START + " <= ?");
  }

  /** The users of the minutes that start at or after {@code from} and end at or before {@code to}. */
  public UniqueUsers between(String campaignId, Instant from, Instant to) {
    checkRange(campaignId, from, to);
    Merge merge = new Merge(campaignId);
    // The newest minute that ends by 'to' starts a minute before it: the range's minutes start in [from, lastStart].
    Instant lastStart = to.minus(MINUTE);
    Deque<CompletionStage<AsyncResultSet>> inFlight = new ArrayDeque<>();
    for (LocalDate day = dayOf(from); !day.isAfter(dayOf(lastStart)); day = day.plusDays(1)) {
      inFlight.add(session.executeAsync(minutesOfDay.bind(campaignId, day, from, lastStart).setPageSize(PAGE_SIZE)));
      if (inFlight.size() >= DAYS_IN_FLIGHT) {
        merge.add(inFlight.removeFirst());
      }
    }
    while (!inFlight.isEmpty()) {
      merge.add(inFlight.removeFirst());
    }
    return merge.result(from, to);
  }

  /** Fails, naming what is wrong, for a campaign id of the wrong form or a range that is empty or reversed. */
  public static void checkRange(String campaignId, Instant from, Instant to) {
    if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
      throw new IllegalArgumentException("campaign id '" + campaignId + "' is not of the form of campaign ids"
          + " (a UUID in lower-case text, e.g. ba419d35-0dfe-8af7-aee7-bbe10c45c028)");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the range is empty or reversed: from " + from + " is not before to " + to);
    }
  }

  private static LocalDate dayOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The sketches of the days read so far, merged. */
  private static final class Merge {
    private final String campaignId;
    private final Union union = new Union(UsersSketchFormat.LG_CONFIG_K);
    private int windows;
    private int withoutSketch;

    Merge(String campaignId) {
      this.campaignId = campaignId;
    }

    void add(CompletionStage<AsyncResultSet> day) {
      AsyncResultSet rows = day.toCompletableFuture().join();
      for (Row row : rows.currentPage()) {
        ByteBuffer sketch = row.getByteBuffer(Columns.USERS_SKETCH);
        if (sketch == null) {
          withoutSketch++;
          continue;
        }
        byte[] bytes = new byte[sketch.remaining()];
        sketch.duplicate().get(bytes);
        try {
          union.update(HllSketch.heapify(bytes));
        } catch (SketchesArgumentException e) {
          throw new IllegalStateException("the users sketch of campaign " + campaignId + " in "
              + Tables.CAMPAIGN_MINUTE_STATS + " is not a DataSketches HLL sketch: " + e.getMessage(), e);
        }
        windows++;
      }
      if (rows.hasMorePages()) {
        throw new IllegalStateException("more than " + PAGE_SIZE + " minutes in one day of " + campaignId);
      }
    }

    UniqueUsers result(Instant from, Instant to) {
      if (windows == 0) {
        return new UniqueUsers(campaignId, from, to, 0, 0, 0, 0, withoutSketch);
      }
      HllSketch merged = union.getResult(TgtHllType.valueOf(UsersSketchFormat.TARGET_TYPE));
      int sd = UsersSketchFormat.BOUND_STANDARD_DEVIATIONS;
      return new UniqueUsers(campaignId, from, to, Math.round(merged.getEstimate()),
          (long) Math.floor(merged.getLowerBound(sd)), (long) Math.ceil(merged.getUpperBound(sd)), windows,
          withoutSketch);
    }
  }
}
