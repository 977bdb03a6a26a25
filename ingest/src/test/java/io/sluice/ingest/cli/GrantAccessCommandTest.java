package io.sluice.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.Config;
import io.sluice.config.Secret;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.Command;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of {@code grant-access} without servers: its help, that passwords come only
 * from the environment or files, the admin client's certificate login, and the SCRAM upserts. The
 * ACLs and roles it grants are KafkaAccessTest's and CassandraRolesTest's.
 */
class GrantAccessCommandTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return new Cli(IngestCommands.group(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private Map<String, String> env() throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String principal : new String[] {"PRODUCER", "JOB", "MIGRATOR", "DASHBOARD", "REGISTRY"}) {
      Path file = Files.writeString(dir.resolve(principal), "pw-of-" + principal + "\n");
      env.put("SLUICE_" + principal + "_PASSWORD_FILE", file.toString());
    }
    env.put("CASSANDRA_USERNAME", "sluice-admin");
    env.put("CASSANDRA_PASSWORD_FILE", Files.writeString(dir.resolve("admin"), "pw-of-admin").toString());
    env.put("KAFKA_SECURITY_PROTOCOL", "SSL");
    env.put("KAFKA_SSL_CA_LOCATION", Files.writeString(dir.resolve("ca.pem"), "CA").toString());
    env.put("KAFKA_SSL_KEYSTORE_LOCATION", Files.writeString(dir.resolve("admin.pem"), "KEY AND CERT").toString());
    return env;
  }

  @Test
  void helpNamesEverySettingAndMarksThePasswordsAsSecrets() {
    assertThat(run(Map.of(), "grant-access", "--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("grant-access", "--kafka-ssl-keystore-location", "--topic-partitions",
        "(secret) access.producer.password", "(secret) access.job.password", "(secret) access.migrator.password",
        "(secret) access.dashboard.password", "(secret) registry.kafka.password", "SLUICE_PRODUCER_PASSWORD")
        .doesNotContain("--access-producer-password");
  }

  @Test
  void aPasswordGivenAsAFlagIsRefusedBeforeAnythingRuns() throws Exception {
    int code = run(env(), "grant-access", "--access-job-password", "on-the-command-line");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is a secret", "SLUICE_JOB_PASSWORD")
        .doesNotContain("on-the-command-line");
  }

  @Test
  void aMissingPasswordIsNamedWithItsVariables() {
    int code = run(Map.of(), "grant-access");

    assertThat(code).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("access.producer.password", "SLUICE_PRODUCER_PASSWORD");
  }

  @Test
  void passwordsResolveFromFilesAndNeverPrint() throws Exception {
    Command command = new GrantAccessCommand();
    Config config = Config.resolve(command.settings(), new Config.Sources(Map.of(), env(), null));

    assertThat(config.get(GrantAccessCommand.PASSWORDS.get(io.sluice.config.access.SluicePrincipal.JOB)).reveal())
        .isEqualTo("pw-of-JOB");
    assertThat(config.get(GrantAccessCommand.REGISTRY_PASSWORD).toString()).doesNotContain("pw-of");
  }

  @Test
  void theAdminClientLogsInWithItsCertificateAndTrustsTheCa() throws Exception {
    Map<String, String> env = env();
    Config config = Config.resolve(new GrantAccessCommand().settings(), new Config.Sources(Map.of(), env, null));

    assertThat(GrantAccessCommand.adminProperties(config))
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.keystore.location", env.get("KAFKA_SSL_KEYSTORE_LOCATION"))
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", env.get("KAFKA_SSL_CA_LOCATION"))
        .doesNotContainKey("ssl.keystore.password");
  }

  @Test
  void scramUsersAreUpsertedWithSha512() {
    Map<String, Secret> users = new LinkedHashMap<>();
    users.put("sluice-producer", Secret.of("a"));
    users.put("sluice-job", Secret.of("b"));

    assertThat(GrantAccessCommand.scramUpserts(users)).hasSize(2).allSatisfy(alteration -> {
      UserScramCredentialUpsertion upsert = (UserScramCredentialUpsertion) alteration;
      assertThat(upsert.credentialInfo().mechanism().mechanismName()).isEqualTo("SCRAM-SHA-512");
    }).extracting(a -> a.user()).containsExactly("sluice-producer", "sluice-job");
  }
}
