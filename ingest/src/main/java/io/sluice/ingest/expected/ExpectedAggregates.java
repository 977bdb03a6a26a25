package io.sluice.ingest.expected;

import io.sluice.schemas.cql.Tables.Columns;
import io.sluice.schemas.cql.Tables;
import io.sluice.serde.Events;
import io.sluice.serde.file.EventFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * What the streaming jobs must produce for a set of events, computed the plain way: every event
 * counted once by {@code event_id}, joined to its campaign, put in its epoch-aligned UTC window
 * {@code [start, start + size)}. It shares no code with the jobs, so it can judge them. Events of
 * unknown ads are left out and counted.
 */
public final class ExpectedAggregates {

  public static final long COUNT_WINDOW_MILLIS = 10_000;
  public static final long STATS_WINDOW_MILLIS = 60_000;
  public static final String WINDOW_COUNTS_FILE = Tables.CAMPAIGN_WINDOW_COUNTS + ".csv";
  public static final String MINUTE_STATS_FILE = Tables.CAMPAIGN_MINUTE_STATS + ".csv";
  private static final String WINDOW_HEADER = String.join(",", Columns.CAMPAIGN_ID, Columns.WINDOW_START,
      Columns.WINDOW_END);

  /** Key of a campaign's window, ordered by campaign then start. */
  public record WindowKey(String campaignId, long windowStartMillis) implements Comparable<WindowKey> {
    @Override
    public int compareTo(WindowKey o) {
      int c = campaignId.compareTo(o.campaignId);
      return c != 0 ? c : Long.compare(windowStartMillis, o.windowStartMillis);
    }
  }

  /** One row of {@code campaign_minute_stats}, with exact unique users. */
  public static final class MinuteStats {
    long views;
    long clicks;
    long purchases;
    final Set<String> users = new HashSet<>();

    public long views() {
      return views;
    }

    public long clicks() {
      return clicks;
    }

    public long purchases() {
      return purchases;
    }

    public long uniqueUsers() {
      return users.size();
    }

    public Set<String> users() {
      return Collections.unmodifiableSet(users);
    }

    public double ctr() {
      return views == 0 ? 0.0 : (double) clicks / views;
    }
  }

  private final Map<String, String> campaignByAd;
  private final Set<String> seen = new HashSet<>();
  private final Map<WindowKey, Long> viewCounts = new TreeMap<>();
  private final Map<WindowKey, MinuteStats> minuteStats = new TreeMap<>();
  private long duplicates;
  private long unknownAds;

  public ExpectedAggregates(Map<String, String> campaignByAd) {
    this.campaignByAd = campaignByAd;
  }

  public void add(GenericRecord event) {
    if (!seen.add(Events.eventId(event))) {
      duplicates++;
      return;
    }
    String campaign = campaignByAd.get(Events.adId(event));
    if (campaign == null) {
      unknownAds++;
      return;
    }
    long time = Events.eventTimeMillis(event);
    String type = Events.eventType(event);
    if ("view".equals(type)) {
      viewCounts.merge(new WindowKey(campaign, windowStart(time, COUNT_WINDOW_MILLIS)), 1L, Long::sum);
    }
    MinuteStats stats = minuteStats.computeIfAbsent(new WindowKey(campaign, windowStart(time, STATS_WINDOW_MILLIS)),
        k -> new MinuteStats());
    switch (type) {
      case "view": stats.views++; break;
      case "click": stats.clicks++; break;
      default: stats.purchases++; break;
    }
    stats.users.add(Events.userId(event));
  }

  /** Start of the epoch-aligned window holding {@code time}; correct for times before 1970 too. */
  public static long windowStart(long timeMillis, long sizeMillis) {
    return Math.floorDiv(timeMillis, sizeMillis) * sizeMillis;
  }

  public Map<WindowKey, Long> viewCounts() {
    return viewCounts;
  }

  public Map<WindowKey, MinuteStats> minuteStats() {
    return minuteStats;
  }

  /** The distinct users of a campaign's minutes that lie wholly inside {@code [fromMillis, toMillis)}. */
  public Set<String> usersOf(String campaignId, long fromMillis, long toMillis) {
    Set<String> users = new HashSet<>();
    minuteStats.forEach((key, stats) -> {
      if (key.campaignId().equals(campaignId) && key.windowStartMillis() >= fromMillis
          && key.windowStartMillis() + STATS_WINDOW_MILLIS <= toMillis) {
        users.addAll(stats.users);
      }
    });
    return users;
  }

  /** The expected aggregates of the events of these JSON Lines or Avro files. */
  public static ExpectedAggregates ofFiles(Map<String, String> campaignByAd, List<Path> files) throws IOException {
    ExpectedAggregates expected = new ExpectedAggregates(campaignByAd);
    for (Path path : files) {
      try (EventFile file = new EventFile(path)) {
        while (file.hasNext()) {
          EventFile.Entry entry = file.next();
          if (!entry.isValid()) {
            throw new IllegalArgumentException(entry.location() + ": " + entry.problem());
          }
          expected.add(entry.event());
        }
      }
    }
    return expected;
  }

  public long duplicates() {
    return duplicates;
  }

  public long unknownAds() {
    return unknownAds;
  }

  /** Writes both tables as CSV files into {@code dir}, sorted by campaign and window. */
  public void writeCsv(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(WINDOW_COUNTS_FILE), StandardCharsets.UTF_8)) {
      w.write(String.join(",", WINDOW_HEADER, Columns.VIEWS) + "\n");
      for (Map.Entry<WindowKey, Long> e : viewCounts.entrySet()) {
        w.write(window(e.getKey(), COUNT_WINDOW_MILLIS) + "," + e.getValue() + "\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(MINUTE_STATS_FILE), StandardCharsets.UTF_8)) {
      w.write(String.join(",", WINDOW_HEADER, Columns.VIEWS, Columns.CLICKS, Columns.PURCHASES, Columns.UNIQUE_USERS,
          Columns.CTR) + "\n");
      for (Map.Entry<WindowKey, MinuteStats> e : minuteStats.entrySet()) {
        MinuteStats s = e.getValue();
        w.write(window(e.getKey(), STATS_WINDOW_MILLIS) + "," + s.views + "," + s.clicks + "," + s.purchases + ","
            + s.uniqueUsers() + "," + s.ctr() + "\n");
      }
    }
  }

  private static String window(WindowKey key, long size) {
    return key.campaignId() + "," + Instant.ofEpochMilli(key.windowStartMillis()) + ","
        + Instant.ofEpochMilli(key.windowStartMillis() + size);
  }
}
