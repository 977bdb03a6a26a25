package io.sluice.ingest.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.ConfigDef;
import io.sluice.config.SharedSettings;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.Invocation;
import io.sluice.config.cli.UsageException;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.seed.CampaignSeeder;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.schemas.cql.CqlMigrator;
import io.sluice.schemas.cql.MigrateCommand;
import java.io.IOException;
import java.nio.file.Path;

/** {@code sluice seed-campaigns FILE}: the ad-to-campaign CSV into Cassandra. */
public final class SeedCampaignsCommand implements Command {

  @Override
  public String name() {
    return "seed-campaigns";
  }

  @Override
  public String summary() {
    return "Load an ad-to-campaign CSV (ad_id,campaign_id) into the Cassandra ads table.";
  }

  @Override
  public String description() {
    return summary() + " Applies the CQL schema first when it is missing (as 'sluice migrate' does). Loading"
        + " the same file again changes nothing.";
  }

  @Override
  public String arguments() {
    return "FILE";
  }

  @Override
  public ConfigDef settings() {
    return new MigrateCommand().settings();
  }

  @Override
  public int run(Invocation inv) throws IOException {
    if (inv.arguments().size() != 1) {
      throw new UsageException("give exactly one campaign CSV file");
    }
    Path file = Path.of(inv.arguments().get(0));
    Campaigns campaigns = Campaigns.readCsv(file);
    String keyspace = inv.config().get(SharedSettings.CASSANDRA_KEYSPACE);
    try (CqlSession session = CassandraSessions.open(inv.config())) {
      new CqlMigrator(session, keyspace, inv.config().get(MigrateCommand.REPLICATION_FACTOR),
          inv.config().get(SharedSettings.CASSANDRA_LOCAL_DC), inv.err()::println).migrate();
      int loaded = CampaignSeeder.seed(session, keyspace, campaigns);
      inv.out().println("Loaded " + loaded + " ads of " + campaigns.campaignByAd().values().stream().distinct().count()
          + " campaigns from " + file + " into " + keyspace + ".ads");
    }
    return 0;
  }
}
