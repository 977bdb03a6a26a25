package io.sluice.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

  @Test
  void anUnreachableRegistryIsRetriedWithBackoffThenNamedInTheError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
    SchemaRegistryClient client = SchemaRegistryClient.builder(url).maxAttempts(3)
        .backoff(Duration.ofMillis(100), Duration.ofMillis(200)).requestTimeout(Duration.ofSeconds(1)).build();

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(url)
        .hasMessageContaining("failed 3 times");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("two backoffs: 100 ms and 200 ms")
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  /** A 5xx is the registry in trouble, not an answer about the schema: asked again, and the next answer counts. */
  @Test
  void serverErrorsAreRetriedAndTheSchemaThatFollowsIsReturned() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer registry = registry("/schemas/ids/3", exchange -> {
      if (calls.incrementAndGet() <= 2) {
        answer(exchange, 503, "{\"error_code\":50301,\"message\":\"storage unavailable\"}");
      } else {
        answer(exchange, 200, "{\"schema\":\"\\\"string\\\"\"}");
      }
    });
    try {
      SchemaRegistryClient client = SchemaRegistryClient.builder("http://127.0.0.1:" + registry.getAddress().getPort())
          .maxAttempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build();
      assertThat(client.schemaById(3)).isEqualTo(STRING);
      assertThat(calls).hasValue(3);
    } finally {
      registry.stop(0);
    }
  }

  /** A registry that keeps failing or answers too slowly is unavailable: never an unknown schema (a dead letter). */
  @Test
  void aRegistryThatKeepsFailingOrIsTooSlowIsUnavailableNotAnUnknownSchema() throws Exception {
    HttpServer failing = registry("/schemas/ids/3", exchange -> answer(exchange, 500, "{\"error_code\":50001}"));
    HttpServer slow = registry("/schemas/ids/3", exchange -> {
      sleep(1_000);
      answer(exchange, 200, "{\"schema\":\"\\\"string\\\"\"}");
    });
    try {
      for (HttpServer registry : List.of(failing, slow)) {
        SchemaRegistryClient client = SchemaRegistryClient.builder("http://127.0.0.1:" + registry.getAddress().getPort())
            .maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(10))
            .requestTimeout(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> client.schemaById(3)).isInstanceOf(RegistryUnavailableException.class)
            .hasMessageContaining("failed 2 times");
      }
    } finally {
      failing.stop(0);
      slow.stop(0);
    }
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedAtOnce() {
    assertThatThrownBy(() -> SchemaRegistryClient.builder("localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
  }

  private static final Schema STRING = Schema.create(Schema.Type.STRING);

  @Test
  void threadsRegisteringOneSchemaAtOnceMakeOneCallAndGetOneId() throws Exception {
    AtomicInteger registrations = new AtomicInteger();
    HttpServer registry = registry("/subjects/s-value/versions", exchange -> {
      registrations.incrementAndGet();
      sleep(200);
      answer(exchange, 200, "{\"id\":7}");
    });
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      SchemaRegistryClient client = client(registry);
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ids.add(threads.submit((Callable<Integer>) () -> client.register("s-value", STRING)));
      }
      for (Future<Integer> id : ids) {
        assertThat(id.get()).isEqualTo(7);
      }
      assertThat(registrations).hasValue(1);
    } finally {
      threads.shutdownNow();
      registry.stop(0);
    }
  }

  @Test
  void aConflictForASchemaThatIsThereNowIsALostRaceAndGivesItsId() throws Exception {
    HttpServer registry = registry("/subjects/s-value/versions", exchange -> answer(exchange, 409,
        "{\"error_code\":409,\"message\":\"An artifact with ID 's-value' already exists.\"}"));
    registry.createContext("/subjects/s-value", exchange -> answer(exchange, 200, "{\"id\":9}"));
    try {
      assertThat(client(registry).register("s-value", STRING)).isEqualTo(9);
    } finally {
      registry.stop(0);
    }
  }

  @Test
  void aConflictForASchemaThatIsNotThereIsAnIncompatibleSchema() throws Exception {
    HttpServer registry = registry("/subjects/s-value/versions", exchange -> answer(exchange, 409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"));
    registry.createContext("/subjects/s-value", exchange -> answer(exchange, 404,
        "{\"error_code\":40403,\"message\":\"Schema not found\"}"));
    try {
      assertThatThrownBy(() -> client(registry).register("s-value", STRING))
          .isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining("incompatible");
    } finally {
      registry.stop(0);
    }
  }

  private static HttpServer registry(String path, com.sun.net.httpserver.HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(path, handler);
    server.start();
    return server;
  }

  private static SchemaRegistryClient client(HttpServer registry) {
    return SchemaRegistryClient.builder("http://127.0.0.1:" + registry.getAddress().getPort()).maxAttempts(1).build();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
