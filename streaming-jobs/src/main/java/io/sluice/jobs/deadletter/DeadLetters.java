package io.sluice.jobs.deadletter;

import io.sluice.jobs.JobEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes records that cannot be decoded to the dead-letter topic: the original key, value and
 * headers, plus headers that say why and where the record came from. One producer per executor
 * JVM; {@link #flush} before a task ends, so a dead letter is written before its batch commits.
 */
public final class DeadLetters {

  public static final String REASON = "sluice.dlq.reason";
  public static final String ERROR = "sluice.dlq.error";
  public static final String SOURCE_TOPIC = "sluice.source.topic";
  public static final String SOURCE_PARTITION = "sluice.source.partition";
  public static final String SOURCE_OFFSET = "sluice.source.offset";

  private static final Map<String, DeadLetters> BY_CLUSTER = new ConcurrentHashMap<>();

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private DeadLetters(Map<String, String> kafkaProperties) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-dead-letters");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "sluice-dead-letters-close"));
  }

  public static DeadLetters of(JobEndpoints endpoints) {
    return BY_CLUSTER.computeIfAbsent(endpoints.kafkaBootstrapServers(), k -> new DeadLetters(endpoints.kafkaProperties()));
  }

  /** One dead letter; {@code originalHeaders} are kept, then the reason and coordinates are added. */
  public void publish(String deadLetterTopic, byte[] key, byte[] value, List<Header> originalHeaders, String reason,
                      String error, String sourceTopic, int partition, long offset) {
    List<Header> headers = new ArrayList<>(originalHeaders);
    headers.add(header(REASON, reason));
    headers.add(header(ERROR, error));
    headers.add(header(SOURCE_TOPIC, sourceTopic));
    // Text, not binary numbers: readable in any Kafka tool.
    headers.add(header(SOURCE_PARTITION, Integer.toString(partition)));
    headers.add(header(SOURCE_OFFSET, Long.toString(offset)));
    producer.send(new ProducerRecord<>(deadLetterTopic, null, key, value, headers), (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits until every dead letter is written; fails the task if one could not be. */
  public void flush() {
    producer.flush();
    Exception e = failure.getAndSet(null);
    if (e != null) {
      throw new IllegalStateException("Could not write to the dead-letter topic: " + e.getMessage(), e);
    }
  }
}
