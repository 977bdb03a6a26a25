package io.sluice.jobs.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.Events;
import io.sluice.serde.file.JsonEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * The files a backfill reads, as Spark's binaryFile source hands them over: JSON Lines and Avro
 * container files in one partition, read in order; a line that is not an event is counted, not
 * fatal, and the events around it still count.
 */
class EventFileRowsTest {

  private static final StructType BINARY_FILE = new StructType().add("path", DataTypes.StringType)
      .add("content", DataTypes.BinaryType);

  private final LongAccumulator decoded = new LongAccumulator();
  private final LongAccumulator invalid = new LongAccumulator();

  @Test
  void readsJsonLinesAndAvroFilesInOrderAndCountsTheLinesThatAreNotEvents() throws Exception {
    String json = line("e1", 1_000) + "\n{not json\n\n" + line("e2", 2_000) + "\n";
    byte[] avro = avroFile(JsonEvents.parse(line("e3", 3_000)), JsonEvents.parse(line("e4", 4_000)));

    List<GenericRecord> events = new ArrayList<>();
    new EventFileRows(decoded, invalid).apply(List.of(file("hdfs://nn/events/a.jsonl",
        json.getBytes(StandardCharsets.UTF_8)), file("s3a://bucket/b.avro", avro)).iterator())
        .forEachRemaining(events::add);

    assertThat(events).extracting(Events::eventId).containsExactly("e1", "e2", "e3", "e4");
    assertThat(events).extracting(Events::eventTimeMillis).containsExactly(1_000L, 2_000L, 3_000L, 4_000L);
    assertThat(decoded.value()).isEqualTo(4);
    assertThat(invalid.value()).as("the line that is not JSON; blank lines are nothing").isEqualTo(1);
  }

  @Test
  void anAvroFileOfOtherRecordsIsAnErrorNamingTheFileNotAStreamOfBadEvents() throws Exception {
    Schema other = SchemaBuilder.record("Click").namespace("com.example").fields().requiredString("id").endRecord();
    GenericRecord click = new GenericData.Record(other);
    click.put("id", "c1");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(other))
        .create(other, out)) {
      writer.append(click);
    }

    assertThatThrownBy(() -> new EventFileRows(decoded, invalid).apply(List.of(file("clicks.avro", out.toByteArray()))
        .iterator()).hasNext())
        .hasMessageContaining("clicks.avro: an Avro file of com.example.Click records, not io.sluice.events.AdEvent");
  }

  private static Row file(String path, byte[] content) {
    return new GenericRowWithSchema(new Object[] {path, content}, BINARY_FILE);
  }

  private static String line(String id, long time) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"u\",\"page_id\":\"p\",\"ad_id\":\"a\",\"ad_type\":\"banner\","
        + "\"event_type\":\"view\",\"event_time\":" + time + ",\"ip_address\":\"10.0.0.1\"}";
  }

  private static byte[] avroFile(GenericRecord... events) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<GenericRecord>(
        new GenericDatumWriter<>(AdEventSchemas.V1)).create(AdEventSchemas.V1, out)) {
      for (GenericRecord event : events) {
        writer.append(event);
      }
    }
    return out.toByteArray();
  }
}
