package io.sluice.jobs.enrich;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.sink.Sessions;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
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
 *
 * <p>An ad the copy does not know is read from the table by its key before it counts as unknown:
 * an ad added since the last reload must not lose its events. An ad that is not there either is
 * not asked for again until the next reload. A reload that fails keeps the last good copy.
 */
public final class CampaignLookup {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignLookup.class);
  private static final Map<String, CampaignLookup> BY_TABLE = new ConcurrentHashMap<>();
  /** How soon a failed reload is tried again; a shorter refresh interval wins. */
  private static final long RELOAD_RETRY_NANOS = 5_000_000_000L;
  /** Bounds the ads remembered as absent, should a stream carry very many distinct bogus ids. */
  private static final int MAX_ABSENT = 100_000;

  private final JobEndpoints endpoints;
  private final long refreshNanos;
  private volatile Map<String, String> campaignByAd;
  private volatile long nextLoadNanos;
  private final Map<String, String> addedSinceLoad = new ConcurrentHashMap<>();
  private final Map<String, Boolean> absentSinceLoad = new ConcurrentHashMap<>();
  private volatile PreparedStatement byAd;

  CampaignLookup(JobEndpoints endpoints) {
    this.endpoints = endpoints;
    this.refreshNanos = endpoints.adsRefreshMillis() * 1_000_000L;
    this.campaignByAd = load();
    this.nextLoadNanos = System.nanoTime() + refreshNanos;
  }

  /** The executor's copy of the ads table of these endpoints. */
  public static CampaignLookup of(JobEndpoints endpoints) {
    // The first load happens inside computeIfAbsent on purpose: the executor's tasks all need this
    // copy, so they wait for one scan of the table rather than each make their own.
    return BY_TABLE.computeIfAbsent(endpoints.cassandraContactPoints() + "/" + endpoints.keyspace(),
        table -> new CampaignLookup(endpoints));
  }

  /** The campaign of {@code adId}, or null for an ad the table does not hold. */
  public String campaignOf(String adId) {
    if (System.nanoTime() - nextLoadNanos > 0) {
      reloadIfDue();
    }
    String campaign = campaignByAd.get(adId);
    if (campaign == null) {
      campaign = addedSinceLoad.get(adId);
    }
    return campaign != null || absentSinceLoad.containsKey(adId) ? campaign : readOne(adId);
  }

  private synchronized void reloadIfDue() {
    if (System.nanoTime() - nextLoadNanos <= 0) {
      return;
    }
    try {
      campaignByAd = load();
      addedSinceLoad.clear();
      absentSinceLoad.clear();
      nextLoadNanos = System.nanoTime() + refreshNanos;
    } catch (RuntimeException e) {
      long retryNanos = Math.min(refreshNanos, RELOAD_RETRY_NANOS);
      nextLoadNanos = System.nanoTime() + retryNanos;
      LOG.warn("Reloading {}.ads failed; keeping the copy of {} ads and trying again in {} ms: {}",
          endpoints.keyspace(), campaignByAd.size(), retryNanos / 1_000_000, e.toString());
    }
  }

  private Map<String, String> load() {
    Map<String, String> map = new HashMap<>();
    for (Row row : session().execute("SELECT " + Columns.AD_ID + ", " + Columns.CAMPAIGN_ID + " FROM "
        + endpoints.keyspace() + "." + Tables.ADS)) {
      map.put(row.getString(Columns.AD_ID), row.getString(Columns.CAMPAIGN_ID));
    }
    LOG.info("Loaded {} ads from {}.ads", map.size(), endpoints.keyspace());
    return map;
  }

  /** One read by key; a failure fails the task, to be retried, rather than count the event unknown. */
  private String readOne(String adId) {
    PreparedStatement statement = byAd;
    if (statement == null) {
      statement = session().prepare("SELECT " + Columns.CAMPAIGN_ID + " FROM " + endpoints.keyspace() + "."
          + Tables.ADS + " WHERE " + Columns.AD_ID + " = ?");
      byAd = statement;
    }
    Row row = session().execute(statement.bind(adId)).one();
    if (row == null) {
      if (absentSinceLoad.size() >= MAX_ABSENT) {
        absentSinceLoad.clear();
      }
      absentSinceLoad.put(adId, Boolean.TRUE);
      return null;
    }
    String campaign = row.getString(Columns.CAMPAIGN_ID);
    addedSinceLoad.put(adId, campaign);
    LOG.info("Ad {} of campaign {} is not in the copy of {}.ads loaded last; read it by its key", adId, campaign,
        endpoints.keyspace());
    return campaign;
  }

  private CqlSession session() {
    return Sessions.of(endpoints);
  }
}
