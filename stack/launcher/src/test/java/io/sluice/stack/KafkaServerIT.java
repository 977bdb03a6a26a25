package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.kafka.EventTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack's Kafka is a real broker: a topic can be created, written with acks=all and read back. */
@ExtendWith(LocalStackExtension.class)
class KafkaServerIT {

  @Test
  void producesAndConsumesARecord(StackEndpoints stack) throws Exception {
    String topic = "stack-it-kafka";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      assertThat(admin.listTopics().names().get()).contains(topic);
    }

    RecordMetadata written;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
      written = producer.send(new ProducerRecord<>(topic, "ad-1", "hello sluice")).get();
    }

    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "stack-it",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
      }
    }

    assertThat(read).hasSize(1);
    assertThat(read.get(0).key()).isEqualTo("ad-1");
    assertThat(read.get(0).value()).isEqualTo("hello sluice");
    assertThat(read.get(0).partition()).isEqualTo(written.partition());
    assertThat(read.get(0).offset()).isEqualTo(written.offset());
  }

  @Test
  void anEventTopicIsLedOnReturnAndCreatingItAgainKeepsIt(StackEndpoints stack) throws Exception {
    String topic = "stack-it-event-topic";
    EventTopics.create(stack, topic, 3);
    EventTopics.create(stack, topic, 3);

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.leader()).isNotNull());
    }
  }
}
