package io.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandGroup;
import io.sluice.config.cli.Invocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords come from the environment, a file or the config file, never a flag, and never show. */
class SecretSettingsTest {

  @TempDir
  Path dir;

  @Test
  void aSecretComesFromTheEnvironmentOrAFileNamedByTheEnvironment() throws Exception {
    Config fromEnv = Config.resolve(SharedSettings.KAFKA, new Config.Sources(Map.of(),
        Map.of("KAFKA_SASL_PASSWORD", "s3cret"), null));
    assertThat(fromEnv.get(SharedSettings.KAFKA_SASL_PASSWORD).reveal()).isEqualTo("s3cret");

    Path file = dir.resolve("password");
    Files.writeString(file, "from-file\n");
    Config fromFile = Config.resolve(SharedSettings.KAFKA, new Config.Sources(Map.of(),
        Map.of("KAFKA_SASL_PASSWORD_FILE", file.toString()), null));
    assertThat(fromFile.get(SharedSettings.KAFKA_SASL_PASSWORD).reveal()).isEqualTo("from-file");
    assertThat(fromFile.origin(SharedSettings.KAFKA_SASL_PASSWORD)).contains(file.toString())
        .contains("KAFKA_SASL_PASSWORD_FILE");

    assertThatThrownBy(() -> Config.resolve(SharedSettings.KAFKA, new Config.Sources(Map.of(),
        Map.of("KAFKA_SASL_PASSWORD_FILE", dir.resolve("missing").toString()), null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.sasl.password")
        .hasMessageContaining("KAFKA_SASL_PASSWORD_FILE");
  }

  @Test
  void theCommandLineRefusesASecretAndHelpShowsNoFlagForIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Command connect = new Command() {
      @Override
      public String name() {
        return "connect";
      }

      @Override
      public String summary() {
        return "Connect.";
      }

      @Override
      public ConfigDef settings() {
        return SharedSettings.KAFKA;
      }

      @Override
      public int run(Invocation inv) {
        inv.out().println("user " + inv.config().get(SharedSettings.KAFKA_SASL_USERNAME) + " password "
            + inv.config().get(SharedSettings.KAFKA_SASL_PASSWORD));
        return 0;
      }
    };
    Cli cli = new Cli(new CommandGroup("sluice", "Test.").add(connect), Map.of("KAFKA_SASL_PASSWORD", "pw-from-env"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(cli.run(new String[] {"connect", "--kafka-sasl-password", "on-the-command-line"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--kafka-sasl-password is a secret")
        .contains("KAFKA_SASL_PASSWORD").doesNotContain("on-the-command-line");

    assertThat(cli.run(new String[] {"connect", "--kafka-sasl-username", "alice"})).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("user alice password [hidden]")
        .doesNotContain("pw-from-env");

    out.reset();
    assertThat(cli.run(new String[] {"connect", "--help"})).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("(secret) kafka.sasl.password")
        .doesNotContain("--kafka-sasl-password");
  }

  @Test
  void anInvalidSecretIsReportedWithoutItsValue() {
    Setting<Secret> key = Setting.builder("api.key", ValueType.SECRET)
        .validator(new Validator<Secret>() {
          @Override
          public void ensureValid(Secret value) {
            if (value.reveal().length() < 12) {
              throw new IllegalArgumentException("too short");
            }
          }

          @Override
          public String describe() {
            return "at least 12 characters";
          }
        }).build();
    assertThatThrownBy(() -> Config.resolve(ConfigDef.of(key), new Config.Sources(Map.of(),
        Map.of("SLUICE_API_KEY", "abc123"), null)))
        .hasMessageContaining("api.key").hasMessageContaining("too short").hasMessageNotContaining("abc123");
  }

  @Test
  void kafkaPropertiesCarryTheLoginTheTrustAndPassThroughTheRest() throws Exception {
    Path ca = dir.resolve("ca.pem");
    Files.writeString(ca, "not parsed here");
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "kafka.ssl.endpoint.identification.algorithm=\nkafka.client.dns.lookup=use_all_dns_ips\n"
        + "kafka.bootstrap.servers=ignored:1\n");
    Config config = Config.resolve(SharedSettings.KAFKA, new Config.Sources(Map.of("kafka.bootstrap.servers", "b:9093"),
        Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "sluice-job", "KAFKA_SASL_PASSWORD",
            "p\"w", "KAFKA_SSL_CA_LOCATION", ca.toString()), file));

    assertThat(config.warnings()).isEmpty();
    Map<String, String> props = KafkaClientProperties.of(config);
    assertThat(props).containsEntry("bootstrap.servers", "b:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"sluice-job\" password=\"p\\\"w\";")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toString())
        .containsEntry("ssl.endpoint.identification.algorithm", "")
        .containsEntry("client.dns.lookup", "use_all_dns_ips");
    assertThat(KafkaClientProperties.principal(props)).isEqualTo("User:sluice-job");
    assertThat(KafkaClientProperties.asSparkOptions(props)).containsEntry("kafka.security.protocol", "SASL_SSL");
  }

  @Test
  void saslWithoutAUserNamesTheMissingSetting() {
    Config config = Config.resolve(SharedSettings.KAFKA, new Config.Sources(Map.of(),
        Map.of("KAFKA_SECURITY_PROTOCOL", "sasl_ssl", "KAFKA_SASL_PASSWORD", "pw"), null));
    assertThatThrownBy(() -> KafkaClientProperties.of(config)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.sasl.username").hasMessageContaining("SASL_SSL")
        .hasMessageContaining("KAFKA_SASL_USERNAME");
    assertThatThrownBy(() -> Config.resolve(SharedSettings.KAFKA, new Config.Sources(Map.of(),
        Map.of("KAFKA_SECURITY_PROTOCOL", "TLS"), null))).hasMessageContaining("kafka.security.protocol")
        .hasMessageContaining("SASL_SSL");
  }

  @Test
  void aSnapshotTravelsSerializedAndPrintsNoValue() throws Exception {
    Config config = Config.resolve(SharedSettings.CLIENTS, new Config.Sources(Map.of(),
        Map.of("CASSANDRA_USERNAME", "sluice-job", "CASSANDRA_PASSWORD", "cass-pw", "KAFKA_SASL_PASSWORD", "kafka-pw"),
        null));
    Config.Snapshot snapshot = config.snapshot(SharedSettings.CLIENTS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(snapshot);
    }
    Config.Snapshot copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Config.Snapshot) in.readObject();
    }
    Config cassandra = copy.resolve(SharedSettings.CASSANDRA);
    assertThat(cassandra.get(SharedSettings.CASSANDRA_USERNAME)).isEqualTo("sluice-job");
    assertThat(cassandra.get(SharedSettings.CASSANDRA_PASSWORD).reveal()).isEqualTo("cass-pw");
    assertThat(copy.toString()).doesNotContain("cass-pw").doesNotContain("kafka-pw").doesNotContain("sluice-job");
    assertThat(copy).isEqualTo(snapshot);
  }

  @Test
  void aMissingRequiredSecretNamesItsVariablesAndNoFlag() {
    Setting<Secret> password = Setting.builder("access.job.password", ValueType.SECRET).required()
        .alsoFromEnv("SLUICE_JOB_PASSWORD").doc("d").build();

    assertThatThrownBy(() -> Config.resolve(ConfigDef.of(password), new Config.Sources(Map.of(), Map.of(), null)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Missing required secret setting access.job.password: set SLUICE_JOB_PASSWORD, or"
            + " SLUICE_JOB_PASSWORD_FILE to a file holding it, or put access.job.password in the config file");
  }
}
