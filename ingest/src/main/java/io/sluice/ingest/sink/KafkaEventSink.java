package io.sluice.ingest.sink;

import io.sluice.config.KafkaAccessErrors;
import io.sluice.serde.ConfluentAvroCodec;
import io.sluice.serde.ConfluentAvroSerializer;
import io.sluice.serde.Events;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends events to a Kafka topic in the Confluent Avro wire format, keyed by {@code ad_id}, each
 * record stamped with its event's {@code event_time} (Kafka's CreateTime): so Kafka's
 * offsets-for-times finds where an event-time range starts, which a backfill relies on.
 * Sends are asynchronous; the first failure is kept and thrown by the next call, so a producer
 * stops instead of dropping events silently.
 */
public final class KafkaEventSink implements EventSink {

  private final KafkaProducer<String, GenericRecord> producer;
  private final String topic;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Map<String, Object> producerConfig;

  public KafkaEventSink(Map<String, Object> producerConfig, ConfluentAvroCodec codec, String topic) {
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
        new ConfluentAvroSerializer<>(codec, false));
    this.topic = topic;
    this.producerConfig = Map.copyOf(producerConfig);
  }

  @Override
  public void send(GenericRecord event) {
    throwIfFailed();
    try {
      send0(event);
    } catch (KafkaException e) {
      throw failed(e);
    }
  }

  private void send0(GenericRecord event) {
    producer.send(new ProducerRecord<>(topic, null, Events.eventTimeMillis(event), Events.adId(event), event),
        (metadata, error) -> {
          if (error == null) {
            written.incrementAndGet();
          } else {
            failed.incrementAndGet();
            failure.compareAndSet(null, error);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() {
    Exception e = failure.get();
    if (e != null) {
      throw failed(e);
    }
  }

  private SinkException failed(Exception e) {
    return new SinkException("Sending to topic " + topic + " failed: "
        + KafkaAccessErrors.explain(e, producerConfig).orElse(e.getMessage()), e);
  }

  @Override
  public long written() {
    return written.get();
  }

  @Override
  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
