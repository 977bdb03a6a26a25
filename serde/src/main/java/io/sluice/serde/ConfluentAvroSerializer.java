package io.sluice.serde;

import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of Avro records (generic or generated) in the Confluent wire format. The
 * subject is {@code <topic>-value} or {@code <topic>-key} (Confluent's TopicNameStrategy).
 * Settings: {@link AvroSerdeConfig}.
 */
public final class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {

  private ConfluentAvroCodec codec;
  private boolean isKey;

  public ConfluentAvroSerializer() {
  }

  /** A serializer already configured with {@code codec}, for programmatic use. */
  public ConfluentAvroSerializer(ConfluentAvroCodec codec, boolean isKey) {
    this.codec = codec;
    this.isKey = isKey;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean key) {
    this.codec = new AvroSerdeConfig(configs).codec();
    this.isKey = key;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    String subject = lastTopic == topic ? lastSubject : subject(topic, isKey);
    lastTopic = topic;
    lastSubject = subject;
    return codec.encode(subject, data);
  }

  // The subject of the topic last seen, so the same String is not rebuilt (and rehashed) per record.
  private volatile String lastTopic;
  private volatile String lastSubject;

  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
