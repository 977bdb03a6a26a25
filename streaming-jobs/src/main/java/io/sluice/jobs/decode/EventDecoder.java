package io.sluice.jobs.decode;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.JobSettings;
import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.serde.RegistryClientProperties;
import io.sluice.serde.SchemaArchive;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codec that decodes Confluent-framed AdEvents with the writer schema fetched by id and
 * resolved to the job's reader schema, keeping each writer schema in the job's checkpoint so that
 * an id resolves even after the registry has lost it. One codec (and so one schema cache) per
 * executor JVM, registry and checkpoint; a partition looks it up once, not per record. Without a
 * checkpoint (a backfill, which must not touch the live job's) the registry alone resolves ids.
 */
public final class EventDecoder {

  private static final Map<String, ConfluentAvroCodec> CODECS = new ConcurrentHashMap<>();

  private EventDecoder() {
  }

  public static ConfluentAvroCodec codec(JobEndpoints endpoints) {
    String key = endpoints.schemaRegistryUrl() + "#" + endpoints.readerSchema() + "#" + endpoints.checkpointDir();
    return CODECS.computeIfAbsent(key, k ->
        ConfluentAvroCodec.of(RegistryClientProperties.client(endpoints.registry()))
            .readingAs(endpoints.readerSchema() == JobSettings.ReaderSchema.V1 ? AdEventSchemas.V1 : AdEventSchemas.V2)
            .withArchive(endpoints.checkpointDir() == null ? SchemaArchive.NONE
                : CheckpointSchemaArchive.in(endpoints.checkpointDir())));
  }
}
