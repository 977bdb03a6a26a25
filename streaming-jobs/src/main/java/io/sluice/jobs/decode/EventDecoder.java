package io.sluice.jobs.decode;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.JobSettings;
import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.serde.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes Confluent-framed AdEvents with the writer schema fetched by id and resolved to the job's
 * reader schema. One codec (and so one schema cache) per executor JVM and registry.
 */
public final class EventDecoder {

  private static final Map<String, ConfluentAvroCodec> CODECS = new ConcurrentHashMap<>();

  private EventDecoder() {
  }

  public static ConfluentAvroCodec codec(JobEndpoints endpoints) {
    return CODECS.computeIfAbsent(endpoints.schemaRegistryUrl() + "#" + endpoints.readerSchema(), key ->
        ConfluentAvroCodec.of(SchemaRegistryClient.builder(endpoints.schemaRegistryUrl()).build())
            .readingAs(endpoints.readerSchema() == JobSettings.ReaderSchema.V1 ? AdEventSchemas.V1 : AdEventSchemas.V2));
  }

  /** The event in {@code value}; throws {@link io.sluice.serde.DecodeException} with the reason when it is none. */
  public static GenericRecord decode(JobEndpoints endpoints, byte[] value) {
    return (GenericRecord) codec(endpoints).decode(value);
  }
}
