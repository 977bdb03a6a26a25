package io.sluice.jobs.sink;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * One CQL upsert per aggregate row: a table and its columns, each filled from the row. The write
 * time is passed in, so every table a row goes to gets the same {@code updated_at}.
 */
public final class Upsert implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final List<UpsertColumn> columns;

  private Upsert(String table, List<UpsertColumn> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  public static Upsert into(String table, UpsertColumn... columns) {
    return new Upsert(table, List.of(columns));
  }

  public static Upsert into(String table, List<UpsertColumn> columns) {
    return new Upsert(table, columns);
  }

  /** The statement, with {@code ${keyspace}} for the keyspace. */
  public String cql() {
    return "INSERT INTO ${keyspace}." + table + " (" + columns.stream().map(UpsertColumn::name)
        .collect(Collectors.joining(", ")) + ") VALUES (" + columns.stream().map(c -> "?")
        .collect(Collectors.joining(", ")) + ")";
  }

  public List<Object> values(Row row, Instant writtenAt) {
    List<Object> values = new ArrayList<>(columns.size());
    for (UpsertColumn column : columns) {
      values.add(column.value().of(row, writtenAt));
    }
    return values;
  }
}
