package io.sluice.schemas.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import io.sluice.config.Config;
import io.sluice.config.SharedSettings;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bundled CQL schema applied to the real Cassandra of the local stack, twice. */
@ExtendWith(LocalStackExtension.class)
class CqlMigratorIT {

  @Test
  void createsEveryTableOnceAndASecondRunChangesNothing(StackEndpoints stack) {
    Config config = Config.of(SharedSettings.CASSANDRA, Map.of(
        SharedSettings.CASSANDRA_CONTACT_POINTS, stack.cassandraContactPoints(),
        SharedSettings.CASSANDRA_LOCAL_DC, stack.cassandraLocalDc(),
        SharedSettings.CASSANDRA_KEYSPACE, "migrator_it"));
    List<String> log = new ArrayList<>();
    try (CqlSession session = CassandraSessions.open(config)) {
      CqlMigrator migrator = new CqlMigrator(session, "migrator_it", 1, stack.cassandraLocalDc(), log::add);

      List<Integer> first = migrator.migrate();
      session.refreshSchema();
      KeyspaceMetadata keyspace = session.getMetadata().getKeyspace("migrator_it").orElseThrow();
      List<Integer> second = migrator.migrate();

      assertThat(first).hasSize(CqlMigrator.bundled().size()).startsWith(1);
      assertThat(keyspace.getTable("ads")).isPresent();
      assertThat(keyspace.getTable("ads").get().getPartitionKey()).extracting(c -> c.getName().asInternal())
          .containsExactly("ad_id");
      assertThat(second).isEmpty();
      assertThat(log).last().asString().contains("up to date");
      assertThat(session.execute("SELECT count(*) FROM migrator_it.schema_migrations").one().getLong(0))
          .isEqualTo(first.size());
    }
  }

  /** A job that must not create its keyspace is told what is missing, and passes once 'migrate' has run. */
  @Test
  void verifyNamesAMissingKeyspaceAndMissingMigrationsAndChangesNothing(StackEndpoints stack) {
    try (CqlSession session = CassandraSessions.open(config(stack, "verify_it"))) {
      CqlMigrator migrator = new CqlMigrator(session, "verify_it", 1, stack.cassandraLocalDc(), line -> { });

      assertThatThrownBy(migrator::verify).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("keyspace verify_it does not exist")
          .hasMessageContaining("sluice migrate --cassandra-keyspace verify_it --cassandra-replication-factor");
      assertThat(session.execute("SELECT * FROM system_schema.keyspaces WHERE keyspace_name = 'verify_it'").one())
          .as("verify created nothing").isNull();

      migrator.migrate();
      migrator.verify();

      int last = CqlMigrator.bundled().get(CqlMigrator.bundled().size() - 1).version();
      session.execute("DELETE FROM verify_it.schema_migrations WHERE version = " + last);
      assertThatThrownBy(migrator::verify).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("keyspace verify_it lacks CQL migrations [" + last + "]");
    }
  }

  /** The replication factor asked for is the keyspace's, in the local datacenter. */
  @Test
  void createsTheKeyspaceWithTheReplicationFactorItIsGiven(StackEndpoints stack) {
    try (CqlSession session = CassandraSessions.open(config(stack, "replication_it"))) {
      new CqlMigrator(session, "replication_it", 3, stack.cassandraLocalDc(), line -> { }).migrate();

      Map<String, String> replication = session.execute("SELECT replication FROM system_schema.keyspaces"
          + " WHERE keyspace_name = 'replication_it'").one().getMap("replication", String.class, String.class);
      assertThat(replication).containsEntry(stack.cassandraLocalDc(), "3");
    }
  }

  private static Config config(StackEndpoints stack, String keyspace) {
    return Config.of(SharedSettings.CASSANDRA, Map.of(
        SharedSettings.CASSANDRA_CONTACT_POINTS, stack.cassandraContactPoints(),
        SharedSettings.CASSANDRA_LOCAL_DC, stack.cassandraLocalDc(),
        SharedSettings.CASSANDRA_KEYSPACE, keyspace));
  }
}
