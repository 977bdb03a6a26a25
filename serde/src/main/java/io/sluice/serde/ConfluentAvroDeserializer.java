package io.sluice.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of the Confluent wire format. Returns generic records (in the writer's schema
 * or resolved to {@code sluice.reader.schema}) or, with {@code specific.avro.reader=true},
 * instances of the generated classes. Undecodable records throw {@link DecodeException}.
 */
public final class ConfluentAvroDeserializer<T> implements Deserializer<T> {

  private ConfluentAvroCodec codec;

  public ConfluentAvroDeserializer() {
  }

  public ConfluentAvroDeserializer(ConfluentAvroCodec codec) {
    this.codec = codec;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.codec = new AvroSerdeConfig(configs).codec();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    return data == null ? null : (T) codec.decode(data);
  }
}
