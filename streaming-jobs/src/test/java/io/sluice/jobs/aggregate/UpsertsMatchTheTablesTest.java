package io.sluice.jobs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.JobMain;
import io.sluice.jobs.StreamingJob;
import io.sluice.jobs.sink.Upsert;
import io.sluice.jobs.sink.UpsertColumn;
import io.sluice.jobs.window.WindowedCounts;
import io.sluice.schemas.cql.CqlSchema;
import io.sluice.schemas.cql.Tables.Columns;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every upsert of every job writes a table of {@code schemas/cql}, each column one that table has,
 * with a value the driver binds to the column's CQL type: a job and the migrations cannot drift
 * apart unnoticed until a write fails at run time.
 */
class UpsertsMatchTheTablesTest {

  /** The Java type the driver's default codec binds to each CQL type the tables use. */
  private static final Map<String, Class<?>> JAVA_TYPE = Map.of("text", String.class, "bigint", Long.class,
      "double", Double.class, "timestamp", Instant.class, "date", LocalDate.class, "blob", ByteBuffer.class);

  /** The rows the jobs' queries emit: the operator's output with the click-through rate. */
  private static final StructType ROW = WindowedCounts.OUTPUT_SCHEMA.add(Columns.CTR, DataTypes.DoubleType);

  private final CqlSchema schema = CqlSchema.bundled();

  @Test
  void everyUpsertWritesExistingColumnsWithValuesOfTheirType() {
    Instant start = Instant.parse("2026-01-01T00:01:00Z");
    List<Row> rows = List.of(row(start, 10), row(start, 60));
    int checked = 0;
    for (StreamingJob job : JobMain.JOBS) {
      for (Upsert upsert : job.upserts()) {
        Map<String, String> table = schema.table(upsert.table()).orElse(null);
        assertThat(table).as("%s writes table %s", job.name(), upsert.table()).isNotNull();
        for (Row row : rows.stream().filter(upsert::takes).toList()) {
          List<Object> values = upsert.values(row, Instant.now());
          for (int i = 0; i < values.size(); i++) {
            String column = upsert.columns().get(i).name();
            assertThat(table).as("%s: %s.%s", job.name(), upsert.table(), column).containsKey(column);
            assertThat(values.get(i)).as("%s: %s.%s (%s)", job.name(), upsert.table(), column, table.get(column))
                .isInstanceOf(JAVA_TYPE.get(table.get(column)));
            checked++;
          }
        }
      }
    }
    assertThat(checked).as("columns checked").isGreaterThan(40);
  }

  @Test
  void eachJobWritesEveryColumnOfTheTablesItFills() {
    for (StreamingJob job : JobMain.JOBS) {
      for (Upsert upsert : job.upserts()) {
        assertThat(upsert.columns().stream().map(UpsertColumn::name).toList())
            .as("%s writes every column of %s", job.name(), upsert.table())
            .containsExactlyInAnyOrderElementsOf(schema.table(upsert.table()).orElseThrow().keySet());
      }
    }
  }

  private static Row row(Instant start, int seconds) {
    return new GenericRowWithSchema(new Object[] {"c-1", Timestamp.from(start),
        Timestamp.from(start.plusSeconds(seconds)), 10L, 2L, 1L, 7L, new byte[] {1, 2}, 0.2}, ROW);
  }
}
