package io.sluice.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class UpsertTest {

  static final StructType SCHEMA = new StructType().add("campaign_id", DataTypes.StringType)
      .add("window_start", DataTypes.TimestampType).add("window_end", DataTypes.TimestampType)
      .add("views", DataTypes.LongType);

  @Test
  void writesEveryColumnFromTheRowAndTheWriteTime() {
    Instant start = Instant.parse("2026-01-01T23:59:50Z");
    Row row = new GenericRowWithSchema(new Object[] {"c-1", Timestamp.from(start),
        Timestamp.from(start.plusSeconds(10)), 42L}, SCHEMA);
    Upsert upsert = Upsert.into("campaign_window_counts", UpsertColumn.CAMPAIGN_ID, UpsertColumn.DAY,
        UpsertColumn.WINDOW_START, UpsertColumn.WINDOW_END, UpsertColumn.same("views"), UpsertColumn.UPDATED_AT);
    Instant now = Instant.parse("2026-01-02T00:00:01Z");

    assertThat(upsert.cql()).isEqualTo("INSERT INTO ${keyspace}.campaign_window_counts"
        + " (campaign_id, day, window_start, window_end, views, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    assertThat(upsert.values(row, now)).containsExactly("c-1", LocalDate.parse("2026-01-01"), start,
        start.plusSeconds(10), 42L, now);
  }

  @Test
  void anUpsertBoundToAWindowLengthTakesOnlyTheRowsOfWindowsThatLong() {
    Instant start = Instant.parse("2026-01-01T00:01:00Z");
    Row tenSeconds = new GenericRowWithSchema(new Object[] {"c-1", Timestamp.from(start),
        Timestamp.from(start.plusSeconds(10)), 3L}, SCHEMA);
    Row minute = new GenericRowWithSchema(new Object[] {"c-1", Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)), 9L}, SCHEMA);
    Upsert any = Upsert.into("t", UpsertColumn.CAMPAIGN_ID);
    Upsert perMinute = any.forWindowsOf(Duration.ofMinutes(1));

    assertThat(any.takes(tenSeconds)).isTrue();
    assertThat(any.takes(minute)).isTrue();
    assertThat(perMinute.takes(tenSeconds)).isFalse();
    assertThat(perMinute.takes(minute)).isTrue();
    assertThat(perMinute.cql()).isEqualTo(any.cql());
  }
}
