package io.sluice.jobs.sink;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * One CQL upsert per aggregate row: a table and its columns, each filled from the row. The write
 * time is passed in, so every table a row goes to gets the same {@code updated_at}. An upsert bound
 * to a window length ({@link #forWindowsOf}) takes only the rows of windows that long, so one query
 * can fill the tables of several window lengths.
 */
public final class Upsert implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final List<UpsertColumn> columns;
  /** 0: every row. */
  private final long windowMillis;

  private Upsert(String table, List<UpsertColumn> columns, long windowMillis) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.windowMillis = windowMillis;
  }

  public static Upsert into(String table, UpsertColumn... columns) {
    return new Upsert(table, List.of(columns), 0);
  }

  public static Upsert into(String table, List<UpsertColumn> columns) {
    return new Upsert(table, columns, 0);
  }

  /** The same upsert, for the rows of windows of this length only. */
  public Upsert forWindowsOf(Duration length) {
    return new Upsert(table, columns, length.toMillis());
  }

  public String table() {
    return table;
  }

  public List<UpsertColumn> columns() {
    return columns;
  }

  /** Whether this upsert writes the row: always, or when the row's window has this upsert's length. */
  public boolean takes(Row row) {
    return windowMillis == 0 || UpsertColumn.windowMillis(row) == windowMillis;
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
