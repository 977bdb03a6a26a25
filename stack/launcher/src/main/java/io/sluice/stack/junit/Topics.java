package io.sluice.stack.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Test support: everything a topic holds now, read from the beginning without a consumer group. */
public final class Topics {

  private Topics() {
  }

  public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic,
                                                           Deserializer<K> keys, Deserializer<V> values) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    forEach(bootstrapServers, topic, keys, values, Duration.ofSeconds(60), records::add);
    return records;
  }

  /**
   * Hands every record the topic holds now to {@code each}, keeping none: for topics too large to
   * hold in a test's heap. Fails if the topic is not read to its end within {@code timeout}.
   */
  public static <K, V> void forEach(String bootstrapServers, String topic, Deserializer<K> keys,
                                    Deserializer<V> values, Duration timeout, Consumer<ConsumerRecord<K, V>> each) {
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), keys, values)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in " + timeout.toSeconds() + " s");
        }
        consumer.poll(Duration.ofMillis(500)).forEach(each);
      }
    }
  }
}
