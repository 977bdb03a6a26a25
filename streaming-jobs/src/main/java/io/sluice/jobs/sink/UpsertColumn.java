package io.sluice.jobs.sink;

import io.sluice.schemas.cql.Tables.Columns;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;

/** One column of an upsert: its CQL name and how its value comes from an aggregate row. */
public record UpsertColumn(String name, ValueOf value) implements Serializable {

  /** The value of a column for a row written at a given time. */
  @FunctionalInterface
  public interface ValueOf extends Serializable {
    Object of(Row row, Instant writtenAt);
  }

  public static final UpsertColumn CAMPAIGN_ID = same(Columns.CAMPAIGN_ID);
  public static final UpsertColumn WINDOW_START = new UpsertColumn(Columns.WINDOW_START, (row, at) -> start(row));
  public static final UpsertColumn WINDOW_END = new UpsertColumn(Columns.WINDOW_END,
      (row, at) -> row.<Timestamp>getAs(Columns.WINDOW_END).toInstant());
  /** The UTC day of the window's start: the bucket that keeps per-campaign partitions bounded. */
  public static final UpsertColumn DAY = new UpsertColumn(Columns.DAY,
      (row, at) -> LocalDate.ofInstant(start(row), ZoneOffset.UTC));
  /** When the row was written: updated_at - window_end is the pipeline's latency. */
  public static final UpsertColumn UPDATED_AT = new UpsertColumn(Columns.UPDATED_AT, (row, at) -> at);

  /** A column written with the value of the aggregate row's field of the same name. */
  public static UpsertColumn same(String name) {
    return new UpsertColumn(name, (row, at) -> row.getAs(name));
  }

  /** A blob column written with the bytes of the aggregate row's binary field of the same name (null stays null). */
  public static UpsertColumn bytes(String name) {
    return new UpsertColumn(name, (row, at) -> {
      byte[] bytes = row.getAs(name);
      return bytes == null ? null : ByteBuffer.wrap(bytes);
    });
  }

  /** The length of the row's window. */
  static long windowMillis(Row row) {
    return row.<Timestamp>getAs(Columns.WINDOW_END).getTime() - row.<Timestamp>getAs(Columns.WINDOW_START).getTime();
  }

  private static Instant start(Row row) {
    return row.<Timestamp>getAs(Columns.WINDOW_START).toInstant();
  }
}
