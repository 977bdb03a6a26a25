package io.sluice.deploy.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every profile deploys a secure Sluice: SASL_SSL brokers with ACLs, Cassandra with logins,
 * permissions and TLS, a registry that checks logins over HTTPS only; and every credential, key and
 * certificate comes from a Marathon secret mounted as a file, none inline.
 */
class SecureDeploymentTest {

  /** A variable that names a file holding a credential, a key or a certificate. */
  private static final Pattern CREDENTIAL_FILE = Pattern.compile(
      ".*(PASSWORD|USER_INFO|SECRET|KEY|STORE|CA_|CERTIFICATE).*_(FILE|FILES|LOCATION|PEM)");
  /** Secret files named inside a longer value, such as a JVM option. */
  private static final Pattern SECRET_PATH = Pattern.compile(Deployment.SANDBOX + "/secrets/[\\w.-]+");
  /** What must never be in a rendered manifest: a password, a key, a login in a URL. */
  private static final List<Pattern> INLINE_CREDENTIALS = List.of(
      Pattern.compile("(?i)password\\s*[=:]"), Pattern.compile("-----BEGIN"), Pattern.compile("PRIVATE KEY"),
      // A variable that holds a credential itself ("X_PASSWORD": "..."), not a secret reference or a file.
      Pattern.compile("(PASSWORD|SECRET|USER_INFO|_KEY)\"\\s*:\\s*\""),
      Pattern.compile("(?i)(username|user_info|client.secret)\\s*="), Pattern.compile("://[^/\"\\s]*:[^/\"\\s]*@"));

  private static Map<String, JsonNode> apps(String profile) {
    return Deployment.apps(Deployment.groups().get(profile));
  }

  private static JsonNode app(String profile, String id) {
    JsonNode app = apps(profile).get(id);
    assertThat(app).as(profile + " has " + id).isNotNull();
    return app;
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#renderings")
  void everySecretFileIsInADeclaredSecretVolumeOfAMesosContainer(String rendering) {
    Deployment.apps(Deployment.everyRendering().get(rendering)).forEach((id, app) -> {
      Map<String, String> volumes = Deployment.secretVolumes(app);
      Set<String> declared = new HashSet<>();
      app.path("secrets").fieldNames().forEachRemaining(declared::add);
      if (!volumes.isEmpty()) {
        assertThat(app.path("container").path("type").asText()).as(id + ": file secrets need Mesos' containerizer")
            .isEqualTo("MESOS");
      }
      assertThat(declared).as(id + ": every secret volume names a declared secret").containsAll(volumes.values());
      Deployment.env(app).forEach((name, value) -> {
        if (CREDENTIAL_FILE.matcher(name).matches()) {
          for (String file : value.split(",")) {
            assertThat(volumes).as(id + " " + name + ": " + file + " is a file of a secret volume").containsKey(file);
          }
        }
        Matcher paths = SECRET_PATH.matcher(value);
        while (paths.find()) {
          assertThat(volumes).as(id + " " + name + " names " + paths.group() + ", a secret volume's").containsKey(
              paths.group());
        }
      });
    });
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#renderings")
  void everyDeclaredSecretIsUsedAndComesFromTheDeploymentsSecretFolder(String rendering) throws IOException {
    Map<String, String> values = Profile.load(Deployment.ROOT.resolve("marathon/profiles"),
        Deployment.profileOf(rendering)).values();
    Deployment.apps(Deployment.everyRendering().get(rendering)).forEach((id, app) -> {
      Set<String> used = new HashSet<>(Deployment.secretVolumes(app).values());
      Deployment.env(app).values().stream().filter(v -> v.startsWith("secret:")).forEach(v -> used.add(v.substring(7)));
      app.path("secrets").fields().forEachRemaining(secret -> {
        assertThat(used).as(id + " uses its secret " + secret.getKey()).contains(secret.getKey());
        String source = secret.getValue().path("source").asText();
        assertThat(source.startsWith(values.get("secrets.path") + "/") || source.equals(values.get("mesos.secret-source")))
            .as(id + ": secret " + secret.getKey() + " comes from the secret store's folder, not " + source).isTrue();
      });
    });
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#renderings")
  void noRenderedManifestHoldsACredential(String rendering) {
    String json = Deployment.everyRendering().get(rendering).toString();
    for (Pattern credential : INLINE_CREDENTIALS) {
      assertThat(credential.matcher(json).find()).as(rendering + " holds nothing like " + credential).isFalse();
    }
  }

  @Test
  void theInlineCredentialPatternsCatchWhatTheyAreFor() {
    for (String bad : List.of("sasl.jaas.config=x username=\"u\" password=\"p\";", "-----BEGIN PRIVATE KEY-----",
        "https://user:pw@registry:8081", "client.secret = abc",
        "{\"CASSANDRA_PASSWORD\":\"hunter2\"}")) {
      assertThat(INLINE_CREDENTIALS.stream().anyMatch(p -> p.matcher(bad).find())).as(bad).isTrue();
    }
    assertThat(CREDENTIAL_FILE.matcher("KAFKA_SASL_PASSWORD_FILE").matches()).isTrue();
    assertThat(CREDENTIAL_FILE.matcher("SLUICE_HEARTBEAT_FILE").matches()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#profiles")
  void kafkaListensOnlyWithTlsChecksLoginsAndGrantsOnlyByAcl(String profile) {
    apps(profile).values().stream().filter(app -> Deployment.image(app).startsWith("apache/kafka:")).forEach(app -> {
      String id = app.get("id").asText();
      Map<String, String> env = Deployment.env(app);
      Map<String, String> protocols = new HashMap<>();
      for (String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
        String[] parts = entry.split(":");
        protocols.put(parts[0], parts[1]);
      }
      assertThat(protocols.values()).as(id + ": listeners speak TLS only").isSubsetOf("SASL_SSL", "SSL")
          .doesNotContain("PLAINTEXT", "SASL_PLAINTEXT");
      Set<String> listeners = new HashSet<>();
      for (String listener : env.get("KAFKA_LISTENERS").split(",")) {
        listeners.add(listener.substring(0, listener.indexOf("://")));
      }
      assertThat(protocols.keySet()).as(id + ": every listener has its protocol").containsAll(listeners);
      assertThat(protocols).as(id + ": clients log in with SCRAM over TLS").containsEntry("CLIENT", "SASL_SSL");
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).as(id + ": clients reach the CLIENT listener").startsWith("CLIENT://");
      // The apache/kafka image's configure script asks for JKS files and a JAAS file when these show.
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).doesNotContain("SSL://", "SASL_");
      assertThat(env).as(id)
          .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
          .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
          .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
          .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
          .containsEntry("KAFKA_LISTENER_NAME_BROKER_SSL_CLIENT_AUTH", "required")
          .containsEntry("KAFKA_LISTENER_NAME_CONTROLLER_SSL_CLIENT_AUTH", "required")
          .containsEntry("KAFKA_SSL_KEYSTORE_TYPE", "PEM")
          .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
      assertThat(env.get("KAFKA_LISTENER_NAME_CLIENT_SCRAM___SHA___512_SASL_JAAS_CONFIG"))
          .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required;");
      assertThat(Arrays.asList(env.get("KAFKA_SUPER_USERS").split(";")))
          .as(id + ": super users are the brokers' and the setup's certificates")
          .containsExactlyInAnyOrder("User:sluice-kafka", "User:sluice-admin");
      assertThat(env.keySet()).as(id + ": no key store password: the PEM key is not encrypted")
          .doesNotContain("KAFKA_SSL_KEYSTORE_PASSWORD", "KAFKA_SSL_KEY_PASSWORD", "KAFKA_SSL_TRUSTSTORE_PASSWORD");
    });
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#profiles")
  void cassandraChecksLoginsAndPermissionsAndTakesClientsOnlyOverTls(String profile) throws IOException {
    JsonNode cassandra = app(profile, "/sluice/cassandra");
    assertThat(Deployment.image(cassandra)).as("the image that makes cassandra.yaml secure").startsWith("sluice/cassandra:");
    Map<String, String> volumes = Deployment.secretVolumes(cassandra);
    assertThat(volumes).containsKey(Deployment.env(cassandra).get("SLUICE_CASSANDRA_KEYSTORE_PEM"))
        .containsKey(Deployment.env(cassandra).get("SLUICE_CASSANDRA_TRUSTSTORE_PEM"));
    String script = Files.readString(Deployment.ROOT.resolve("docker/cassandra/entrypoint.sh"));
    assertThat(script).contains("authenticator: PasswordAuthenticator\n", "authorizer: CassandraAuthorizer\n",
        "role_manager: CassandraRoleManager\n", "client_encryption_options:\n  enabled: true\n  optional: false\n",
        "    class_name: org.apache.cassandra.security.PEMBasedSslContextFactory\n",
        "  keystore: $keystore\n", "  truststore: $truststore\n")
        .doesNotContain("keystore_password");
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#profiles")
  void theRegistryChecksLoginsWithKeycloakAndServesOnlyHttps(String profile) throws IOException {
    JsonNode registry = app(profile, "/sluice/registry");
    Map<String, String> env = Deployment.env(registry);
    assertThat(env).containsEntry("REGISTRY_AUTH_ENABLED", "true")
        .containsEntry("CLIENT_CREDENTIALS_BASIC_AUTH_ENABLED", "true")
        .containsEntry("REGISTRY_AUTH_RBAC_ENABLED", "true")
        .containsEntry("REGISTRY_AUTH_ROLE_SOURCE", "token")
        .containsEntry("REGISTRY_AUTH_ANONYMOUS_READS_ENABLED", "false")
        .containsEntry("QUARKUS_HTTP_INSECURE_REQUESTS", "disabled")
        .containsEntry("REGISTRY_KAFKASQL_SECURITY_PROTOCOL", "SASL_SSL")
        .doesNotContainKey("QUARKUS_HTTP_PORT");
    assertThat(env.get("KEYCLOAK_URL")).startsWith("https://");
    assertThat(registry.path("healthChecks").get(0).path("protocol").asText()).isEqualTo("MESOS_HTTPS");
    Map<String, String> values = Profile.load(Deployment.ROOT.resolve("marathon/profiles"), profile).values();
    assertThat(values.get("registry.url")).startsWith("https://");
    JsonNode keycloak = app(profile, "/sluice/keycloak");
    assertThat(Deployment.env(keycloak)).containsEntry("KC_HTTP_ENABLED", "false");
    assertThat(Deployment.secretVolumes(keycloak)).as("the realm, with its client secrets, is a secret")
        .containsValue("keycloak-realm.json");
    assertThat(keycloak.path("healthChecks").get(0).path("protocol").asText()).isEqualTo("MESOS_HTTPS");
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#renderings")
  void everySluiceAppLogsInAsItsOwnPrincipalOverTls(String rendering) {
    Map<String, String> kafkaUser = Map.of("producer", "sluice-producer", "job", "sluice-job",
        "backfill", "sluice-job");
    Map<String, String> cassandraUser = Map.of("job", "sluice-job", "backfill", "sluice-job",
        "dashboard", "sluice-dashboard", "setup", "sluice-admin");
    Deployment.apps(Deployment.everyRendering().get(rendering)).forEach((id, app) -> {
      String role = app.path("labels").path("sluice.role").asText();
      Map<String, String> env = Deployment.env(app);
      if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS") && Deployment.image(app).startsWith("sluice/")) {
        if (role.equals("setup")) {
          assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SSL").containsKey("KAFKA_SSL_KEYSTORE_LOCATION");
        } else {
          assertThat(env).as(id).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
              .containsEntry("KAFKA_SASL_USERNAME", kafkaUser.get(role)).containsKey("KAFKA_SASL_PASSWORD_FILE");
        }
        assertThat(env).as(id).containsKey("KAFKA_SSL_CA_LOCATION");
      }
      if (env.containsKey("CASSANDRA_CONTACT_POINTS")) {
        assertThat(env).as(id).containsEntry("CASSANDRA_USERNAME", cassandraUser.get(role))
            .containsKey("CASSANDRA_PASSWORD_FILE").containsKey("CASSANDRA_SSL_CA_LOCATION");
      }
      if (env.containsKey("SCHEMA_REGISTRY_URL")) {
        assertThat(env.get("SCHEMA_REGISTRY_URL")).as(id).startsWith("https://");
        assertThat(env).as(id).containsKey("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_FILE")
            .containsKey("SCHEMA_REGISTRY_SSL_CA_LOCATION");
        assertThat(Deployment.secretVolumes(app).get(env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_FILE")))
            .as(id + ": its registry login is its own").startsWith(kafkaUser.get(role) + ".");
      }
    });
  }

  @ParameterizedTest
  @MethodSource("io.sluice.deploy.marathon.DeploymentShapeTest#renderings")
  void sparkExecutorsOnMesosGetTheCaFileAtTheDriversPath(String rendering) throws IOException {
    String secretsPath = Profile.load(Deployment.ROOT.resolve("marathon/profiles"), Deployment.profileOf(rendering))
        .values().get("secrets.path");
    Deployment.apps(Deployment.everyRendering().get(rendering)).forEach((id, app) -> {
      if (!Deployment.image(app).startsWith("sluice/jobs:")) {
        return;
      }
      Map<String, String> env = Deployment.env(app);
      String ca = env.get("KAFKA_SSL_CA_LOCATION");
      assertThat(env.get("CASSANDRA_SSL_CA_LOCATION")).as(id).isEqualTo(ca);
      String secret = Deployment.secretVolumes(app).get(ca);
      // Executors read the settings the driver resolved, paths included: the same file in their sandbox.
      assertThat(Arrays.asList(env.getOrDefault("SLUICE_SPARK_CONF", "").split(" "))).as(id).contains(
          "spark.mesos.containerizer=mesos",
          "spark.mesos.executor.secret.names=" + secretsPath + "/" + secret,
          "spark.mesos.executor.secret.filenames=" + ca.substring(Deployment.SANDBOX.length() + 1));
    });
  }
}
