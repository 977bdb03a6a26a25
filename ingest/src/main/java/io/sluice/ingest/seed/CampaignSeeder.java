package io.sluice.ingest.seed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Loads the ad-to-campaign dimension into the {@code ads} table. Re-running overwrites the same rows. */
public final class CampaignSeeder {

  private static final int IN_FLIGHT = 64;

  private CampaignSeeder() {
  }

  public static int seed(CqlSession session, String keyspace, Campaigns campaigns) {
    PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + "." + Tables.ADS + " (" + Columns.AD_ID + ", "
        + Columns.CAMPAIGN_ID + ") VALUES (?, ?)");
    List<CompletionStage<?>> inFlight = new ArrayList<>();
    for (Map.Entry<String, String> ad : campaigns.campaignByAd().entrySet()) {
      inFlight.add(session.executeAsync(insert.bind(ad.getKey(), ad.getValue())));
      if (inFlight.size() >= IN_FLIGHT) {
        awaitAll(inFlight);
      }
    }
    awaitAll(inFlight);
    return campaigns.size();
  }

  private static void awaitAll(List<CompletionStage<?>> stages) {
    for (CompletionStage<?> stage : stages) {
      stage.toCompletableFuture().join();
    }
    stages.clear();
  }
}
