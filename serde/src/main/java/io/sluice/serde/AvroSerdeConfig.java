package io.sluice.serde;

import io.sluice.serde.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of {@link ConfluentAvroSerializer} and {@link ConfluentAvroDeserializer}, declared with
 * Kafka's own {@link ConfigDef} since they are set in a Kafka client's properties. The names are
 * Confluent's, so existing client configurations carry over.
 */
public final class AvroSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String READER_SCHEMA = "sluice.reader.schema";
  public static final String REGISTRY_MAX_ATTEMPTS = "schema.registry.max.attempts";
  public static final String REGISTRY_RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
          Importance.HIGH, "Base URL of the Confluent Schema Registry API.")
      .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
          "Serializer: register a record's schema under <topic>-value (or -key) if it is not there yet."
              + " When false, the schema must already be registered.")
      .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
          "Deserializer: return instances of the generated classes instead of generic records.")
      .define(READER_SCHEMA, Type.STRING, null, Importance.MEDIUM,
          "Deserializer: Avro schema (JSON) that generic records are resolved to. Default: the writer's schema.")
      .define(REGISTRY_MAX_ATTEMPTS, Type.INT, 5, Range.between(1, 100), Importance.LOW,
          "Attempts of each registry call before it fails.")
      .define(REGISTRY_RETRY_BACKOFF_MS, Type.LONG, 200L, Range.between(0L, 60_000L), Importance.LOW,
          "First wait between registry attempts; it doubles up to 5 s.")
      .define(REGISTRY_REQUEST_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100L, 300_000L), Importance.LOW,
          "Timeout of one registry request.");

  public AvroSerdeConfig(Map<String, ?> props) {
    super(DEFINITION, props);
  }

  public SchemaRegistryClient registryClient() {
    long backoff = getLong(REGISTRY_RETRY_BACKOFF_MS);
    return SchemaRegistryClient.builder(getString(SCHEMA_REGISTRY_URL))
        .maxAttempts(getInt(REGISTRY_MAX_ATTEMPTS))
        .backoff(Duration.ofMillis(backoff), Duration.ofMillis(Math.max(backoff, 5_000L)))
        .requestTimeout(Duration.ofMillis(getLong(REGISTRY_REQUEST_TIMEOUT_MS)))
        .build();
  }

  public ConfluentAvroCodec codec() {
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(registryClient()).withAutoRegister(getBoolean(AUTO_REGISTER_SCHEMAS));
    if (getBoolean(SPECIFIC_AVRO_READER)) {
      return codec.readingSpecific();
    }
    String reader = getString(READER_SCHEMA);
    return reader == null ? codec : codec.readingAs(new Schema.Parser().parse(reader));
  }
}
