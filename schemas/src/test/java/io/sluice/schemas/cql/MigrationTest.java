package io.sluice.schemas.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

  @Test
  void splitsStatementsAndFillsInTheKeyspace() {
    Migration m = Migration.fromFile("002_two_tables.cql", "-- a comment\nCREATE TABLE ${keyspace}.a (k text PRIMARY KEY);\n"
        + "CREATE TABLE ${keyspace}.b (\n  k text PRIMARY KEY\n);\n");

    assertThat(m.version()).isEqualTo(2);
    assertThat(m.name()).isEqualTo("two_tables");
    assertThat(m.statements("ks")).containsExactly("CREATE TABLE ks.a (k text PRIMARY KEY);",
        "CREATE TABLE ks.b (\n  k text PRIMARY KEY\n);");
  }

  @Test
  void aBadFileNameOrAMissingSemicolonIsAnError() {
    assertThatThrownBy(() -> Migration.fromFile("tables.cql", "")).hasMessageContaining("NNN_name.cql");
    assertThatThrownBy(() -> Migration.fromFile("003_x.cql", "CREATE TABLE x (k int PRIMARY KEY)").statements("ks"))
        .hasMessageContaining("ends without ';'");
  }

  @Test
  void theChecksumFollowsTheText() {
    assertThat(Migration.fromFile("001_a.cql", "X;").checksum()).isEqualTo(Migration.fromFile("001_b.cql", "X;").checksum())
        .isNotEqualTo(Migration.fromFile("001_a.cql", "Y;").checksum());
  }

  @Test
  void theBundledMigrationsAreNumberedFromOneWithoutGaps() {
    List<Migration> bundled = CqlMigrator.bundled();
    assertThat(bundled).isNotEmpty();
    for (int i = 0; i < bundled.size(); i++) {
      assertThat(bundled.get(i).version()).isEqualTo(i + 1);
    }
  }
}
