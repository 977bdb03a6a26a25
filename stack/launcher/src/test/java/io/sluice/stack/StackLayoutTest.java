package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.Config;
import io.sluice.config.Setting;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLayoutTest {

  private static StackLayout resolve(Map<Setting<?>, ?> settings, Optional<StackLayout> previous) {
    return StackLayout.resolve(Config.of(StackSettings.UP, settings), previous, name -> false);
  }

  @Test
  void aStateFolderKeepsItsShapeWhenNoCountIsGiven() {
    StackLayout three = resolve(Map.of(StackSettings.KAFKA_BROKERS, 3, StackSettings.CASSANDRA_NODES, 2),
        Optional.empty());

    StackLayout again = resolve(Map.of(), Optional.of(three));

    assertThat(again.kafkaBrokers()).isEqualTo(3);
    assertThat(again.cassandraNodes()).isEqualTo(2);
    assertThat(resolve(Map.of(StackSettings.KAFKA_BROKERS, 3), Optional.of(three)).kafkaBrokers()).isEqualTo(3);
  }

  @Test
  void aDifferentShapeAskedForExplicitlyIsAnErrorNamingTheFlag() {
    StackLayout three = resolve(Map.of(StackSettings.KAFKA_BROKERS, 3), Optional.empty());

    assertThatThrownBy(() -> resolve(Map.of(StackSettings.KAFKA_BROKERS, 1), Optional.of(three)))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("kafka.brokers=3")
        .hasMessageContaining("--kafka-brokers 3");
  }

  @Test
  void aStateFolderKeepsItsSecurityModeAndASecureOneServesHttpsWithKeycloak(@TempDir Path dir)
      throws Exception {
    StackLayout secure = resolve(Map.of(StackSettings.SECURE, true), Optional.empty());
    assertThat(secure.secure()).isTrue();
    assertThat(secure.endpoints().schemaRegistryUrl()).startsWith("https://");
    assertThat(secure.serverNames()).containsSubsequence("registry", "keycloak");
    assertThat(secure.endpointOf("keycloak")).isEqualTo("https://127.0.0.1:" + secure.keycloakPort());
    secure.save(dir);
    StackLayout loaded = StackLayout.load(dir).orElseThrow();
    assertThat(resolve(Map.of(), Optional.of(loaded)).secure()).isTrue();
    assertThat(resolve(Map.of(), Optional.of(loaded)).keycloakPort()).isEqualTo(secure.keycloakPort());
    assertThatThrownBy(() -> resolve(Map.of(StackSettings.SECURE, false), Optional.of(loaded)))
        .hasMessageContaining("secure stack").hasMessageContaining("--secure true");
    StackLayout plaintext = resolve(Map.of(), Optional.empty());
    assertThat(plaintext.endpoints().schemaRegistryUrl()).startsWith("http://");
    assertThat(plaintext.serverNames()).doesNotContain("keycloak");
  }
}
