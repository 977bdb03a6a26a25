package io.sluice.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
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

  @Test
  void aUrlThatIsNotHttpIsRefusedAtOnce() {
    assertThatThrownBy(() -> SchemaRegistryClient.builder("localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
  }
}
