package io.sluice.ingest.sink;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.KafkaClientProperties;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.metrics.MetricsSettings;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.serde.RegistryClientProperties;
import io.sluice.serde.registry.SchemaRegistryClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** How producers write to Kafka: the settings every producing command shares, and the sink they build. */
public final class ProducerSettings {

  private ProducerSettings() {
  }

  public static final Setting<String> ACKS = Setting.builder("producer.acks", ValueType.STRING)
      .defaultValue("all").validator(Validator.oneOf("all", "1", "0"))
      .doc("Acknowledgements the broker gives before a send counts as done. Only 'all' keeps the producer"
          + " idempotent (no duplicates on retry).").build();

  public static final Setting<String> COMPRESSION = Setting.builder("producer.compression", ValueType.STRING)
      .defaultValue("lz4").validator(Validator.oneOf("none", "gzip", "snappy", "lz4", "zstd"))
      .doc("Compression of record batches.").build();

  public static final Setting<Duration> LINGER = Setting.builder("producer.linger", ValueType.DURATION)
      .defaultValue(Duration.ofMillis(5)).validator(Validator.atLeast(ValueType.DURATION, Duration.ZERO))
      .doc("How long a batch may wait to fill up.").build();

  public static final Setting<Integer> BATCH_SIZE = Setting.builder("producer.batch-size", ValueType.INT)
      .defaultValue(128 * 1024).validator(Validator.between(1024, 16 * 1024 * 1024))
      .doc("Largest record batch per partition, in bytes.").build();

  public static final Setting<Boolean> AUTO_REGISTER = Setting.builder("auto-register-schemas", ValueType.BOOLEAN)
      .defaultValue(true)
      .doc("Register the event schema under <topic>-value when it is not there yet; when false it must be.").build();

  public static final ConfigDef KAFKA = ConfigDef.of(SharedSettings.TOPIC).with(SharedSettings.KAFKA)
      .with(SharedSettings.SCHEMA_REGISTRY).with(ACKS, COMPRESSION, LINGER, BATCH_SIZE, AUTO_REGISTER)
      .with(MetricsSettings.ALL);

  /** The Kafka producer properties these settings stand for. */
  public static Map<String, Object> producerConfig(Config config) {
    Map<String, Object> props = new HashMap<>(KafkaClientProperties.of(config));
    String acks = config.get(ACKS);
    props.put(ProducerConfig.ACKS_CONFIG, acks);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "all".equals(acks));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.get(COMPRESSION));
    props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.get(LINGER).toMillis());
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, config.get(BATCH_SIZE));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingest");
    return props;
  }

  public static KafkaEventSink kafkaSink(Config config) {
    SchemaRegistryClient registry = RegistryClientProperties.client(config);
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(registry).withAutoRegister(config.get(AUTO_REGISTER));
    return new KafkaEventSink(producerConfig(config), codec, config.get(SharedSettings.TOPIC));
  }
}
