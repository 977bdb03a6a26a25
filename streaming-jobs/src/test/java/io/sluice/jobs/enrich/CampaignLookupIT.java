package io.sluice.jobs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.Config;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.JobSettings;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.schemas.cql.CqlMigrator;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The executors' copy of the ads table against a real Cassandra: ads added later, and a table that fails. */
@ExtendWith(LocalStackExtension.class)
class CampaignLookupIT {

  private StackEndpoints stack;
  private String keyspace;
  private CqlSession session;

  @BeforeEach
  void keyspaceWithOneAd(StackEndpoints stack) {
    this.stack = stack;
    keyspace = "lookup_it_" + UUID.randomUUID().toString().substring(0, 8);
    session = CassandraSessions.open(stack.cassandra());
    new CqlMigrator(session, keyspace, 1, stack.cassandraLocalDc(), line -> { }).migrate();
    addAd("ad-1", "campaign-1");
  }

  @AfterEach
  void dropKeyspace() {
    session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    session.close();
  }

  @Test
  void anAdAddedAfterTheLoadIsReadByItsKeyAndAnAbsentOneWaitsForTheNextReload() {
    CampaignLookup lookup = new CampaignLookup(endpoints(3_600_000));
    addAd("ad-2", "campaign-2");

    assertThat(lookup.campaignOf("ad-1")).isEqualTo("campaign-1");
    assertThat(lookup.campaignOf("ad-2")).as("added after the load").isEqualTo("campaign-2");
    assertThat(lookup.campaignOf("ad-3")).as("not in the table").isNull();

    addAd("ad-3", "campaign-3");
    assertThat(lookup.campaignOf("ad-3")).as("known absent until the next reload, an hour away").isNull();
  }

  @Test
  void aReloadThatFailsKeepsTheLastGoodCopy() throws Exception {
    CampaignLookup lookup = new CampaignLookup(endpoints(200));
    session.execute("DROP TABLE " + keyspace + ".ads");
    Thread.sleep(400);

    assertThat(lookup.campaignOf("ad-1")).as("after a reload failed on the dropped table").isEqualTo("campaign-1");
  }

  private void addAd(String ad, String campaign) {
    session.execute("INSERT INTO " + keyspace + ".ads (ad_id, campaign_id) VALUES (?, ?)", ad, campaign);
  }

  private JobEndpoints endpoints(long refreshMillis) {
    Map<Setting<?>, Object> clients = new HashMap<>(stack.settings());
    clients.put(SharedSettings.CASSANDRA_KEYSPACE, keyspace);
    return new JobEndpoints(Config.of(SharedSettings.CLIENTS, clients).snapshot(SharedSettings.CLIENTS), "unused.dlq",
        JobSettings.ReaderSchema.V2, refreshMillis, "ONE", "unused-checkpoint");
  }
}
