package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

  static final Setting<Integer> PORT = Setting.builder("kafka.port", ValueType.INT)
      .defaultValue(9092).validator(Validator.port()).doc("Port.").build();
  static final Setting<String> BOOTSTRAP = Setting.builder("kafka.bootstrap.servers", ValueType.STRING)
      .required().alsoFromEnv("KAFKA_BOOTSTRAP_SERVERS").doc("Brokers.").build();
  static final Setting<Duration> TIMEOUT = Setting.builder("timeout", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(30)).doc("Timeout.").build();
  static final ConfigDef DEF = ConfigDef.of(PORT, BOOTSTRAP, TIMEOUT);

  @TempDir
  Path dir;

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheFileWhichWinsOverDefaults() throws Exception {
    Path file = dir.resolve("sluice.properties");
    Files.writeString(file, "kafka.port=1111\nkafka.bootstrap.servers=file:1\ntimeout=5m\n");

    Config config = Config.resolve(DEF, new Config.Sources(
        Map.of("kafka.port", "3333"),
        Map.of("SLUICE_KAFKA_PORT", "2222", "KAFKA_BOOTSTRAP_SERVERS", "env:1"),
        file));

    assertThat(config.get(PORT)).isEqualTo(3333);
    assertThat(config.origin(PORT)).isEqualTo("flag --kafka-port");
    assertThat(config.get(BOOTSTRAP)).isEqualTo("env:1");
    assertThat(config.origin(BOOTSTRAP)).isEqualTo("environment KAFKA_BOOTSTRAP_SERVERS");
    assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.origin(TIMEOUT)).startsWith("config file");
  }

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    Config config = Config.resolve(DEF, new Config.Sources(Map.of(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:1"), null));

    assertThat(config.get(PORT)).isEqualTo(9092);
    assertThat(config.isExplicit(PORT)).isFalse();
    assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aBadValueNamesTheSettingItsSourceAndWhatIsAllowed() {
    assertThatThrownBy(() -> Config.resolve(DEF, new Config.Sources(
        Map.of(), Map.of("SLUICE_KAFKA_PORT", "70000", "KAFKA_BOOTSTRAP_SERVERS", "b:1"), null)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value '70000' for kafka.port (environment SLUICE_KAFKA_PORT): must be between 0 and 65535");

    assertThatThrownBy(() -> Config.resolve(DEF, new Config.Sources(
        Map.of("kafka.port", "abc", "kafka.bootstrap.servers", "b:1"), Map.of(), null)))
        .hasMessage("Invalid value 'abc' for kafka.port (flag --kafka-port): not a valid int");

    assertThatThrownBy(() -> Config.resolve(DEF, new Config.Sources(
        Map.of("timeout", "soon", "kafka.bootstrap.servers", "b:1"), Map.of(), null)))
        .hasMessageContaining("timeout").hasMessageContaining("not a duration");
  }

  @Test
  void aMissingRequiredSettingSaysEveryWayToGiveIt() {
    assertThatThrownBy(() -> Config.resolve(DEF, Config.Sources.none()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap.servers")
        .hasMessageContaining("--kafka-bootstrap-servers")
        .hasMessageContaining("SLUICE_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void unknownKeysInTheFileAreReportedAsWarnings() throws Exception {
    Path file = dir.resolve("sluice.properties");
    Files.writeString(file, "kafka.prot=1\nkafka.bootstrap.servers=b:1\n");

    Config config = Config.resolve(DEF, new Config.Sources(Map.of(), Map.of(), file));

    assertThat(config.warnings()).singleElement().asString().contains("kafka.prot");
  }

  @Test
  void aMissingConfigFileIsAnError() {
    assertThatThrownBy(() -> Config.resolve(DEF, new Config.Sources(Map.of(), Map.of(), dir.resolve("nope"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope");
  }

  @Test
  void anInvalidDefaultIsCaughtWhenTheSettingIsDeclared() {
    assertThatThrownBy(() -> Setting.builder("p", ValueType.INT).defaultValue(-1).validator(Validator.port()).build())
        .hasMessageContaining("default");
  }

  @Test
  void durationsReadAndWriteTheShortForms() {
    assertThat(ValueType.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ValueType.DURATION.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(ValueType.DURATION.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThat(ValueType.DURATION.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(ValueType.DURATION.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }

  enum Trigger { AVAILABLE_NOW, PROCESSING_TIME }

  @Test
  void enumsAreWrittenInLowerCaseWithDashes() {
    ValueType<Trigger> type = ValueType.enumOf(Trigger.class);
    assertThat(type.parse("available-now")).isEqualTo(Trigger.AVAILABLE_NOW);
    assertThat(type.name()).isEqualTo("available-now|processing-time");
    assertThatThrownBy(() -> type.parse("sometimes")).hasMessageContaining("available-now, processing-time");
  }
}
