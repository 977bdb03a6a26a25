package io.sluice.jobs.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.config.Config;
import io.sluice.config.ConfigException;
import io.sluice.config.SharedSettings;
import io.sluice.jobs.JobSettings;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.schemas.cql.CqlMigrator;
import io.sluice.schemas.cql.MigrateCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tables a job writes, made ready before it writes: created if missing, or required to exist. */
public final class SinkTables {

  private static final Logger LOG = LoggerFactory.getLogger(SinkTables.class);

  private SinkTables() {
  }

  /** Applies the missing CQL migrations, or with cassandra.schema=require checks that none is missing. */
  public static void prepare(Config config) {
    String keyspace = config.get(SharedSettings.CASSANDRA_KEYSPACE);
    try (CqlSession session = CassandraSessions.open(config)) {
      CqlMigrator migrator = new CqlMigrator(session, keyspace, config.get(MigrateCommand.REPLICATION_FACTOR),
          config.get(SharedSettings.CASSANDRA_LOCAL_DC), LOG::info);
      if (config.get(JobSettings.SCHEMA) == JobSettings.SchemaPolicy.REQUIRE) {
        try {
          migrator.verify();
        } catch (IllegalStateException e) {
          throw new ConfigException(JobSettings.SCHEMA.flag() + " is require (" + config.origin(JobSettings.SCHEMA)
              + "), but " + e.getMessage());
        }
      } else {
        migrator.migrate();
      }
    }
  }
}
