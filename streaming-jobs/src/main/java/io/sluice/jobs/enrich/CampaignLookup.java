package io.sluice.jobs.enrich;

import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.sink.Sessions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-static join of events with the ads table, done as a lookup: each executor keeps a copy
 * of {@code ads} (ad_id -> campaign_id) and reloads it every refresh interval. A copy in memory
 * costs nothing per micro-batch, where re-reading the table as a join's static side would cost a
 * Cassandra scan each time.
 */
public final class CampaignLookup {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignLookup.class);
  private static final Map<String, CampaignLookup> BY_TABLE = new ConcurrentHashMap<>();

  private final JobEndpoints endpoints;
  private volatile Map<String, String> campaignByAd;
  private volatile long loadedAtNanos;

  private CampaignLookup(JobEndpoints endpoints) {
    this.endpoints = endpoints;
    reload();
  }

  /** The executor's copy of the ads table of these endpoints. */
  public static CampaignLookup of(JobEndpoints endpoints) {
    return BY_TABLE.computeIfAbsent(endpoints.cassandraContactPoints() + "/" + endpoints.keyspace(),
        key -> new CampaignLookup(endpoints));
  }

  /** The campaign of {@code adId}, or null for an ad the table does not know. */
  public String campaignOf(String adId) {
    if (System.nanoTime() - loadedAtNanos > endpoints.adsRefreshMillis() * 1_000_000L) {
      synchronized (this) {
        if (System.nanoTime() - loadedAtNanos > endpoints.adsRefreshMillis() * 1_000_000L) {
          reload();
        }
      }
    }
    return campaignByAd.get(adId);
  }

  private void reload() {
    Map<String, String> map = new HashMap<>();
    for (Row row : Sessions.of(endpoints).execute("SELECT ad_id, campaign_id FROM " + endpoints.keyspace() + ".ads")) {
      map.put(row.getString("ad_id"), row.getString("campaign_id"));
    }
    campaignByAd = map;
    loadedAtNanos = System.nanoTime();
    LOG.info("Loaded {} ads from {}.ads", map.size(), endpoints.keyspace());
  }
}
