package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.deadletter.DeadLetters;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import io.sluice.stack.junit.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every class of undecodable record, mixed into the sample, lands in the dead-letter topic with its
 * reason, its original bytes and headers and its coordinates, while every valid event still counts.
 */
@ExtendWith(LocalStackExtension.class)
class DeadLetterIT {

  @Test
  void badRecordsGoToTheDeadLetterTopicAndTheValidOnesAreCountedExactly(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "dead_letters");
    pipeline.seedSampleCampaigns();
    pipeline.replay(JobHarness.SAMPLES.resolve("events.jsonl"));
    byte[] valid = firstRecord(stack, pipeline.topic);

    Map<String, byte[]> bad = new HashMap<>();
    bad.put("truncated-header", new byte[] {0, 0, 1});
    bad.put("wrong-magic-byte", withFirstByte(valid, (byte) 0x7b));
    bad.put("unknown-schema-id", withSchemaId(valid, 987_654));
    bad.put("truncated-body", Arrays.copyOf(valid, valid.length - 4));
    bad.put("corrupt-body", Arrays.copyOf(valid, valid.length + 3));
    Map<String, RecordMetadata> written = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> e : bad.entrySet()) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(pipeline.topic, "k".getBytes(), e.getValue());
        record.headers().add("origin", e.getKey().getBytes(StandardCharsets.UTF_8));
        written.put(e.getKey(), producer.send(record).get());
      }
    }

    pipeline.runToEnd("campaign-window-counts");

    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
    List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(stack, pipeline.topic + ".dlq");
    assertThat(deadLetters).hasSize(bad.size());
    for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
      String origin = header(letter, "origin");
      assertThat(header(letter, DeadLetters.REASON)).as("reason of the %s record", origin).isEqualTo(origin);
      assertThat(letter.value()).isEqualTo(bad.get(origin));
      assertThat(letter.key()).isEqualTo("k".getBytes());
      assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(pipeline.topic);
      assertThat(header(letter, DeadLetters.SOURCE_PARTITION)).isEqualTo(Integer.toString(written.get(origin).partition()));
      assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo(Long.toString(written.get(origin).offset()));
      assertThat(header(letter, DeadLetters.ERROR)).isNotBlank();
    }
  }

  private static byte[] withFirstByte(byte[] record, byte first) {
    byte[] copy = record.clone();
    copy[0] = first;
    return copy;
  }

  private static byte[] withSchemaId(byte[] record, int id) {
    byte[] copy = record.clone();
    System.arraycopy(ByteBuffer.allocate(4).putInt(id).array(), 0, copy, 1, 4);
    return copy;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] firstRecord(StackEndpoints stack, String topic) {
    return readAll(stack, topic).get(0).value();
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(StackEndpoints stack, String topic) {
    return Topics.readAll(stack.kafkaBootstrapServers(), topic, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
