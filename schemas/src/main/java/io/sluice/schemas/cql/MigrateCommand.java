package io.sluice.schemas.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import java.util.List;

/** {@code sluice migrate}: creates the keyspace and applies the CQL files of {@code schemas/cql}. */
public final class MigrateCommand implements Command {

  public static final Setting<Integer> REPLICATION_FACTOR = Setting.builder("cassandra.replication-factor",
      ValueType.INT).defaultValue(1).validator(Validator.between(1, 9))
      .doc("Replicas of the keyspace in the local datacenter, used when the keyspace is created.").build();

  public static final Setting<String> WRITER_ROLE = Setting.builder("cassandra.grant.writer", ValueType.STRING)
      .doc("Cassandra role to grant what the streaming jobs need: MODIFY on the aggregate tables, SELECT on ads."
          + " Default: none.").build();

  public static final Setting<String> READER_ROLE = Setting.builder("cassandra.grant.reader", ValueType.STRING)
      .doc("Cassandra role to grant SELECT on the keyspace, for dashboards. Default: none.").build();

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
    return SharedSettings.CASSANDRA.with(REPLICATION_FACTOR, WRITER_ROLE, READER_ROLE);
  }

  @Override
  public int run(Invocation inv) {
    String keyspace = inv.config().get(SharedSettings.CASSANDRA_KEYSPACE);
    try (CqlSession session = CassandraSessions.open(inv.config())) {
      CqlMigrator migrator = new CqlMigrator(session, keyspace, inv.config().get(REPLICATION_FACTOR),
          inv.config().get(SharedSettings.CASSANDRA_LOCAL_DC), inv.err()::println);
      List<Integer> applied = migrator.migrate();
      migrator.grant(inv.config().get(WRITER_ROLE), inv.config().get(READER_ROLE));
      inv.out().println(applied.isEmpty() ? "Schema of " + keyspace + " already up to date"
          : "Applied migrations " + applied + " to " + keyspace);
      return 0;
    } catch (DriverException e) {
      throw new CommandFailedException("Cassandra at " + inv.config().get(SharedSettings.CASSANDRA_CONTACT_POINTS)
          + " (" + inv.config().origin(SharedSettings.CASSANDRA_CONTACT_POINTS) + "): " + e.getMessage(), e);
    }
  }
}
