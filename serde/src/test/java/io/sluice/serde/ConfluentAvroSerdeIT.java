package io.sluice.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.events.AdEvent;
import io.sluice.events.AdType;
import io.sluice.events.EventType;
import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.registry.SchemaRegistryClient;
import io.sluice.serde.registry.UnknownSchemaException;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Confluent wire format against the real registry and broker of the local stack. */
@ExtendWith(LocalStackExtension.class)
class ConfluentAvroSerdeIT {

  private SchemaRegistryClient registry;
  private String subject;

  @BeforeEach
  void setUp(StackEndpoints stack) {
    registry = SchemaRegistryClient.builder(stack.schemaRegistryUrl()).build();
    subject = "serde-it-" + UUID.randomUUID() + "-value";
  }

  static AdEvent event(String id) {
    return AdEvent.newBuilder().setEventId(id).setUserId("u-1").setPageId("p-1").setAdId("ad-1")
        .setAdType(AdType.banner).setEventType(EventType.view)
        .setEventTime(Instant.parse("2026-01-01T00:00:01.234Z")).setIpAddress("10.0.0.1").build();
  }

  static GenericRecord v2Event(String id, String country) {
    GenericData.Record r = new GenericData.Record(AdEventSchemas.V2);
    r.put("event_id", id);
    r.put("user_id", "u-2");
    r.put("page_id", "p-2");
    r.put("ad_id", "ad-2");
    r.put("ad_type", new GenericData.EnumSymbol(AdEventSchemas.V2.getField("ad_type").schema(), "mobile"));
    r.put("event_type", new GenericData.EnumSymbol(AdEventSchemas.V2.getField("event_type").schema(), "click"));
    r.put("event_time", 1_767_225_600_000L);
    r.put("ip_address", "10.0.0.2");
    r.put("country", country);
    return r;
  }

  /**
   * Producers that start together register their schema at once, each with a client of its own;
   * every one gets the same id, whoever wins the registry's race (Apicurio answers the loser 409).
   */
  @Test
  void clientsRegisteringOneNewSchemaAtOnceAllGetItsId(StackEndpoints stack) throws Exception {
    String subject = "race-" + UUID.randomUUID() + "-value";
    ExecutorService producers = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(producers.submit(() -> SchemaRegistryClient.builder(stack.schemaRegistryUrl()).build()
            .register(subject, AdEventSchemas.V2)));
      }
      Set<Integer> distinct = new HashSet<>();
      for (Future<Integer> id : ids) {
        distinct.add(id.get());
      }
      assertThat(distinct).hasSize(1);
    } finally {
      producers.shutdownNow();
    }
  }

  @Test
  void framesBytesExactlyAsTheConfluentWireFormatSpecifies() {
    Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Tiny\",\"fields\":["
        + "{\"name\":\"s\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"long\"}]}");
    GenericData.Record record = new GenericData.Record(schema);
    record.put("s", "a");
    record.put("n", -2L);

    byte[] framed = ConfluentAvroCodec.of(registry).encode(subject, record);

    int id = registry.idOf(subject, schema);
    byte[] idBytes = ByteBuffer.allocate(4).putInt(id).array();
    // Magic byte, big-endian id, then Avro binary: string = zig-zag length 1 (0x02) + 'a', long -2 = zig-zag 3.
    byte[] expected = {0, idBytes[0], idBytes[1], idBytes[2], idBytes[3], 0x02, 0x61, 0x03};
    assertThat(framed).containsExactly(expected);
    assertThat(((GenericRecord) ConfluentAvroCodec.of(registry).decode(expected)).get("n")).isEqualTo(-2L);
  }

  @Test
  void aGeneratedEventMakesTheRoundTripThroughKafka(StackEndpoints stack) throws Exception {
    String topic = "serde-it-" + UUID.randomUUID();
    // Configured by class name, as a user's client properties would do it.
    try (KafkaProducer<String, AdEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class,
        AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()))) {
      producer.send(new ProducerRecord<>(topic, "ad-1", event("e-1"))).get();
    }
    List<AdEvent> read = new ArrayList<>();
    try (KafkaConsumer<String, AdEvent> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "serde-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
        AvroSerdeConfig.SPECIFIC_AVRO_READER, true,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class))) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
      }
    }
    assertThat(read).containsExactly(event("e-1"));
    assertThat(registry.isCompatible(topic + "-value", AdEventSchemas.V1)).isTrue();
  }

  @Test
  void version1AndVersion2EventsReadWithEitherReaderSchema() {
    ConfluentAvroCodec writer = ConfluentAvroCodec.of(registry);
    byte[] v1 = writer.encode(subject, event("e-v1"));
    byte[] v2 = writer.encode(subject, v2Event("e-v2", "NL"));

    ConfluentAvroCodec asV1 = ConfluentAvroCodec.of(registry).readingAs(AdEventSchemas.V1);
    ConfluentAvroCodec asV2 = ConfluentAvroCodec.of(registry).readingAs(AdEventSchemas.V2);
    ConfluentAvroCodec asClass = ConfluentAvroCodec.of(registry).readingSpecific();

    GenericRecord v2ReadAsV1 = (GenericRecord) asV1.decode(v2);
    assertThat(v2ReadAsV1.getSchema().getField("country")).isNull();
    assertThat(v2ReadAsV1.get("event_id").toString()).isEqualTo("e-v2");
    assertThat(v2ReadAsV1.get("ad_type").toString()).isEqualTo("mobile");

    GenericRecord v1ReadAsV2 = (GenericRecord) asV2.decode(v1);
    assertThat(v1ReadAsV2.get("country")).as("the default fills the field v1 lacks").isNull();
    assertThat(v1ReadAsV2.get("event_id").toString()).isEqualTo("e-v1");
    assertThat(((GenericRecord) asV2.decode(v2)).get("country").toString()).isEqualTo("NL");

    assertThat(asClass.decode(v1)).isEqualTo(event("e-v1"));
    assertThat(((AdEvent) asClass.decode(v2)).getEventId()).isEqualTo("e-v2");
  }

  @Test
  void version2IsBackwardCompatibleWithVersion1InTheRegistry() {
    registry.register(subject, AdEventSchemas.V1);

    assertThat(registry.isCompatible(subject, AdEventSchemas.V2)).isTrue();
    int v2 = registry.register(subject, AdEventSchemas.V2);
    assertThat(registry.schemaById(v2)).isEqualTo(AdEventSchemas.V2);
  }

  @Test
  void everyUndecodableRecordHasItsReason() {
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(registry).readingAs(AdEventSchemas.V1);
    byte[] good = codec.encode(subject, event("e-1"));

    assertReason(codec, new byte[] {0, 0}, DecodeException.Reason.TRUNCATED_HEADER);
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 7;
    assertReason(codec, wrongMagic, DecodeException.Reason.WRONG_MAGIC_BYTE);
    byte[] unknownId = good.clone();
    System.arraycopy(ByteBuffer.allocate(4).putInt(987_654_321).array(), 0, unknownId, 1, 4);
    assertReason(codec, unknownId, DecodeException.Reason.UNKNOWN_SCHEMA_ID);
    assertReason(codec, Arrays.copyOf(good, good.length - 3), DecodeException.Reason.TRUNCATED_BODY);
    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    assertReason(codec, trailing, DecodeException.Reason.CORRUPT_BODY);
    byte[] badEnum = good.clone();
    // ad_type follows four short strings, each a one-byte length and its bytes: overwrite its index
    // with zig-zag 40, index 20 of an enum of 5 symbols.
    int adTypeAt = ConfluentAvroCodec.HEADER_SIZE + 4 + "e-1".length() + "u-1".length() + "p-1".length()
        + "ad-1".length();
    assertThat(good[adTypeAt]).as("zig-zag of banner's index 0").isEqualTo((byte) 0);
    badEnum[adTypeAt] = 40;
    assertReason(codec, badEnum, DecodeException.Reason.CORRUPT_BODY);
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaIsRefused() {
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(registry).withAutoRegister(false);

    assertThatThrownBy(() -> codec.encode(subject, event("e-1"))).isInstanceOf(UnknownSchemaException.class)
        .hasMessageContaining(subject);
  }

  private static void assertReason(ConfluentAvroCodec codec, byte[] bytes, DecodeException.Reason reason) {
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
