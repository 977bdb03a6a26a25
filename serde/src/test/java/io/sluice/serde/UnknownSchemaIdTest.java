package io.sluice.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sluice.serde.registry.SchemaRegistryClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An id the registry does not know is asked for once per recheck interval, not once per record.
 * The registry here is a few lines of HTTP that count the lookups, which a real one cannot.
 */
class UnknownSchemaIdTest {

  private static final byte[] RECORD_OF_ID_7 = {0, 0, 0, 0, 7, 2, 'a'};

  private HttpServer registry;
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicReference<String> schemaOf7 = new AtomicReference<>();

  @BeforeEach
  void startRegistry() throws Exception {
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext("/schemas/ids/7", exchange -> {
      lookups.incrementAndGet();
      String schema = schemaOf7.get();
      int status = schema == null ? 404 : 200;
      byte[] body = (schema == null ? "{\"error_code\":40403,\"message\":\"Schema 7 not found\"}"
          : "{\"schema\":" + quoted(schema) + "}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    registry.start();
  }

  @AfterEach
  void stopRegistry() {
    registry.stop(0);
  }

  @Test
  void recordsOfAnUnknownIdAreRefusedWithOneLookupPerRecheckInterval() {
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(client()).withUnknownIdRecheck(Duration.ofHours(1));

    for (int i = 0; i < 1_000; i++) {
      assertThatThrownBy(() -> codec.decode(RECORD_OF_ID_7)).isInstanceOfSatisfying(DecodeException.class,
          e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SCHEMA_ID));
    }
    assertThat(lookups).as("registry lookups for 1,000 records of one unknown id").hasValue(1);
  }

  @Test
  void anIdRegisteredAfterwardsDecodesOnceTheRecheckIntervalHasPassed() throws Exception {
    ConfluentAvroCodec codec = ConfluentAvroCodec.of(client()).withUnknownIdRecheck(Duration.ofMillis(200));
    assertThatThrownBy(() -> codec.decode(RECORD_OF_ID_7)).isInstanceOf(DecodeException.class);

    schemaOf7.set("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
    assertThatThrownBy(() -> codec.decode(RECORD_OF_ID_7)).as("still within the interval")
        .isInstanceOf(DecodeException.class);
    assertThat(lookups).hasValue(1);

    Thread.sleep(250);
    assertThat(codec.decode(RECORD_OF_ID_7).toString()).isEqualTo("{\"s\": \"a\"}");
    assertThat(codec.decode(RECORD_OF_ID_7).toString()).isEqualTo("{\"s\": \"a\"}");
    assertThat(lookups).as("one more lookup, then the schema is cached").hasValue(2);
  }

  /** A registry that lost its storage answers 404 for an id it gave out: the kept schema decodes the record. */
  @Test
  void anIdThatResolvedBeforeStillDecodesFromTheArchiveWhenTheRegistryForgetsIt() {
    Map<Integer, Schema> kept = new ConcurrentHashMap<>();
    SchemaArchive archive = new SchemaArchive() {
      @Override
      public Optional<Schema> find(int id) {
        return Optional.ofNullable(kept.get(id));
      }

      @Override
      public void keep(int id, Schema schema) {
        kept.put(id, schema);
      }
    };
    schemaOf7.set("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
    assertThat(ConfluentAvroCodec.of(client()).withArchive(archive).decode(RECORD_OF_ID_7).toString())
        .isEqualTo("{\"s\": \"a\"}");
    assertThat(kept).containsOnlyKeys(7);

    schemaOf7.set(null);
    assertThat(ConfluentAvroCodec.of(client()).withArchive(archive).decode(RECORD_OF_ID_7).toString())
        .as("a new codec (a restarted job) with the same archive").isEqualTo("{\"s\": \"a\"}");
    assertThatThrownBy(() -> ConfluentAvroCodec.of(client()).decode(RECORD_OF_ID_7)).as("without the archive")
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.UNKNOWN_SCHEMA_ID));

    schemaOf7.set("{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
    assertThat(ConfluentAvroCodec.of(client()).withArchive(archive).decode(RECORD_OF_ID_7).toString())
        .as("the registry, having lost its storage, gave id 7 to another schema").isEqualTo("{\"s\": \"a\"}");
  }

  @Test
  void aNegativeRecheckIntervalIsRefused() {
    assertThatThrownBy(() -> ConfluentAvroCodec.of(client()).withUnknownIdRecheck(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  private SchemaRegistryClient client() {
    return SchemaRegistryClient.builder("http://127.0.0.1:" + registry.getAddress().getPort()).maxAttempts(1).build();
  }

  private static String quoted(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
