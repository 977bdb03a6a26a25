package io.sluice.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One campaign's minutes over a range, from {@code campaign_minute_stats}: one single-partition read
 * per UTC day of the range, as the README's dashboard query reads them; and the campaigns of one
 * minute, from {@code campaign_minute_stats_by_window}.
 *
 * <pre>{@code
 * List<CampaignMinutesQuery.Minute> minutes = new CampaignMinutesQuery(session, "sluice")
 *     .between(campaignId, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"));
 * }</pre>
 */
public final class CampaignMinutesQuery {

  public static final long MINUTE_MILLIS = 60_000;
  /** Days one request may span: a chart of more minutes than this is not one a browser draws. */
  public static final int MAX_DAYS = 31;

  private final CqlSession session;
  private final PreparedStatement minutesOfDay;
  private final PreparedStatement campaignsOfMinute;

  public CampaignMinutesQuery(CqlSession session, String keyspace) {
    this.session = session;
    String values = Columns.VIEWS + ", " + Columns.CLICKS + ", " + Columns.PURCHASES + ", " + Columns.CTR + ", "
        + Columns.UNIQUE_USERS + ", " + Columns.UPDATED_AT;
    this.minutesOfDay = session.prepare("SELECT " + Columns.CAMPAIGN_ID + ", " + Columns.WINDOW_START + ", " + values
        + " FROM " + keyspace + "." + Tables.CAMPAIGN_MINUTE_STATS + " WHERE " + Columns.CAMPAIGN_ID + " = ? AND "
        + Columns.DAY + " = ? AND " + Columns.WINDOW_START + " >= ? AND " + Columns.WINDOW_START + " <= ?");
    this.campaignsOfMinute = session.prepare("SELECT " + Columns.CAMPAIGN_ID + ", " + Columns.WINDOW_START + ", "
        + values + " FROM " + keyspace + "." + Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW + " WHERE "
        + Columns.WINDOW_START + " = ?");
  }

  /** One campaign's minute. */
  public record Minute(String campaignId, Instant start, long views, long clicks, long purchases, double ctr,
                       long uniqueUsers, Instant updatedAt) {

    static Minute of(Row row) {
      return new Minute(row.getString(Columns.CAMPAIGN_ID), row.getInstant(Columns.WINDOW_START),
          row.getLong(Columns.VIEWS), row.getLong(Columns.CLICKS), row.getLong(Columns.PURCHASES),
          row.getDouble(Columns.CTR), row.getLong(Columns.UNIQUE_USERS), row.getInstant(Columns.UPDATED_AT));
    }
  }

  /**
   * The campaign's minutes wholly inside [from, to), oldest first: those that start in
   * [from, to - 1 minute], the same minutes {@link UniqueUsersQuery} merges.
   */
  public List<Minute> between(String campaignId, Instant from, Instant to) {
    UniqueUsersQuery.checkRange(campaignId, from, to);
    Instant lastStart = to.minusMillis(MINUTE_MILLIS);
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(lastStart, ZoneOffset.UTC);
    if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
      throw new IllegalArgumentException("the range spans more than " + MAX_DAYS + " days: " + from + " to " + to);
    }
    List<Minute> minutes = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (Row row : session.execute(minutesOfDay.bind(campaignId, day, from, lastStart))) {
        minutes.add(Minute.of(row));
      }
    }
    minutes.sort(Comparator.comparing(Minute::start));
    return minutes;
  }

  /** Every campaign's row of the minute that starts at {@code start}, most views first. */
  public List<Minute> campaignsOf(Instant start) {
    List<Minute> minutes = new ArrayList<>();
    for (Row row : session.execute(campaignsOfMinute.bind(start))) {
      minutes.add(Minute.of(row));
    }
    minutes.sort(Comparator.comparingLong(Minute::views).reversed().thenComparing(Minute::campaignId));
    return minutes;
  }

  /** The start of the minute holding {@code epochMillis}. */
  public static long minuteStart(long epochMillis) {
    return Math.floorDiv(epochMillis, MINUTE_MILLIS) * MINUTE_MILLIS;
  }
}
