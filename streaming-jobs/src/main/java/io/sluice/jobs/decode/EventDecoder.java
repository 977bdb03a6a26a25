package io.sluice.jobs.decode;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.JobSettings;
import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.serde.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codec that decodes Confluent-framed AdEvents with the writer schema fetched by id and
 * resolved to the job's reader schema. One codec (and so one schema cache) per executor JVM and
 * registry; a partition looks it up once, not per record.
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
}
