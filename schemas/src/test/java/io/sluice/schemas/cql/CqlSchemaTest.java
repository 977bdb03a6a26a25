package io.sluice.schemas.cql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tables as the CQL files make them, and the names the code uses for them. */
class CqlSchemaTest {

  private final CqlSchema schema = CqlSchema.bundled();

  @Test
  void readsEachTablesColumnsAndTypesAfterEveryMigration() {
    assertThat(schema.table("ads").orElseThrow()).containsExactly(Map.entry("ad_id", "text"),
        Map.entry("campaign_id", "text"));
    assertThat(schema.table("campaign_minute_stats").orElseThrow()).containsEntry("day", "date")
        .containsEntry("window_start", "timestamp").containsEntry("unique_users", "bigint")
        .containsEntry("ctr", "double").containsEntry("users_sketch", "blob");
    assertThat(schema.type("campaign_minute_stats_by_window", "users_sketch")).as("added to one table only").isEmpty();
  }

  @Test
  void parsesOneLineDefinitionsAndRefusesWhatItCannotRead() {
    CqlSchema small = CqlSchema.of(List.of(
        Migration.fromFile("001_a.cql", "CREATE TABLE ${keyspace}.a (k text, v map<text, int>, PRIMARY KEY ((k)));\n"),
        Migration.fromFile("002_b.cql", "ALTER TABLE ${keyspace}.a ADD w blob;\n"),
        Migration.fromFile("003_c.cql", "alter table if exists ${keyspace}.a add if not exists x bigint;\n"),
        Migration.fromFile("004_d.cql", "create table ${keyspace}.b (k text primary key);\n")));
    assertThat(small.table("a").orElseThrow()).containsExactly(Map.entry("k", "text"), Map.entry("v", "map<text, int>"),
        Map.entry("w", "blob"), Map.entry("x", "bigint"));
    assertThat(small.table("b").orElseThrow()).containsExactly(Map.entry("k", "text"));

    assertThatThrownBy(() -> CqlSchema.of(List.of(Migration.fromFile("001_a.cql", "DROP TABLE ${keyspace}.a;\n"))))
        .hasMessageContaining("neither CREATE TABLE nor ALTER TABLE");
    assertThatThrownBy(() -> CqlSchema.of(List.of(Migration.fromFile("001_a.cql", "ALTER TABLE ${keyspace}.a ADD w blob;\n"))))
        .hasMessageContaining("no earlier migration creates");
  }

  @Test
  void everyTableNameInTheCodeIsATableAndEveryTableHasItsName() throws Exception {
    Set<String> named = constants(Tables.class);

    assertThat(named).isEqualTo(schema.tables().keySet());
  }

  @Test
  void everyColumnNameInTheCodeIsAColumnAndEveryColumnHasItsName() throws Exception {
    Set<String> named = constants(Tables.Columns.class);
    Set<String> columns = schema.tables().values().stream().flatMap(table -> table.keySet().stream())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(named).isEqualTo(columns);
  }

  private static Set<String> constants(Class<?> holder) throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    for (Field field : Arrays.stream(holder.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class).toList()) {
      values.add((String) field.get(null));
    }
    return values;
  }
}
