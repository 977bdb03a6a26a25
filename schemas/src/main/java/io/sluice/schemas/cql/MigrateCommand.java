package io.sluice.schemas.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import java.util.List;

/** {@code sluice migrate}: creates the keyspace and applies the CQL files of {@code schemas/cql}. */
public final class MigrateCommand implements Command {

  public static final Setting<Integer> REPLICATION_FACTOR = Setting.builder("cassandra.replication-factor",
      ValueType.INT).defaultValue(1).validator(Validator.between(1, 9))
      .doc("Replicas of the keyspace in the local datacenter, used when the keyspace is created.").build();

  @Override
  public String name() {
    return "migrate";
  }

  @Override
  public String summary() {
    return "Create the keyspace and apply the CQL schema; running it again changes nothing.";
  }

  @Override
  public ConfigDef settings() {
    return SharedSettings.CASSANDRA.with(REPLICATION_FACTOR);
  }

  @Override
  public int run(Invocation inv) {
    String keyspace = inv.config().get(SharedSettings.CASSANDRA_KEYSPACE);
    try (CqlSession session = CassandraSessions.open(inv.config())) {
      List<Integer> applied = new CqlMigrator(session, keyspace, inv.config().get(REPLICATION_FACTOR),
          inv.config().get(SharedSettings.CASSANDRA_LOCAL_DC), inv.err()::println).migrate();
      inv.out().println(applied.isEmpty() ? "Schema of " + keyspace + " already up to date"
          : "Applied migrations " + applied + " to " + keyspace);
      return 0;
    } catch (DriverException e) {
      throw new CommandFailedException("Cassandra at " + inv.config().get(SharedSettings.CASSANDRA_CONTACT_POINTS)
          + " (" + inv.config().origin(SharedSettings.CASSANDRA_CONTACT_POINTS) + "): " + e.getMessage(), e);
    }
  }
}
