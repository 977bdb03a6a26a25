package io.sluice.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.deploy.marathon.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/cassandra/entrypoint.sh, run here on a cassandra.yaml of Cassandra 5.0's shape with the
 * upstream entry point stubbed: each security key is set once, to our values, the rest is kept,
 * a second run gives the same file, and a missing PEM file stops it before Cassandra starts.
 */
class CassandraEntrypointTest {

  private static final Path SCRIPT = RepositoryRoot.PATH.resolve("docker/cassandra/entrypoint.sh");
  private static final YAMLMapper YAML = YAMLMapper.builder(
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();

  @TempDir
  Path dir;

  private Path conf;
  private Path keystore;
  private Path truststore;

  private Process run() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path upstream = bin.resolve("docker-entrypoint.sh");
    // The upstream entry point, stubbed: it records its arguments.
    Files.writeString(upstream, "#!/bin/sh\necho \"upstream $*\" >\"" + dir.resolve("upstream.log") + "\"\n");
    Files.setPosixFilePermissions(upstream, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString(), "cassandra", "-f").redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("CASSANDRA_CONF", conf.toString());
    env.put("SLUICE_CASSANDRA_KEYSTORE_PEM", keystore.toString());
    env.put("SLUICE_CASSANDRA_TRUSTSTORE_PEM", truststore.toString());
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process;
  }

  private void prepare() throws Exception {
    conf = Files.createDirectories(dir.resolve("conf"));
    Files.copy(Path.of("src/test/resources/docker/cassandra-5.0-shape.yaml"), conf.resolve("cassandra.yaml"));
    keystore = Files.writeString(dir.resolve("node.pem"), "KEY AND CHAIN");
    truststore = Files.writeString(dir.resolve("ca.pem"), "CA");
  }

  @Test
  void setsLoginsPermissionsAndClientTlsOnceAndKeepsTheRest() throws Exception {
    prepare();
    Process process = run();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as(output).isZero();

    JsonNode yaml = YAML.readTree(conf.resolve("cassandra.yaml").toFile());
    assertThat(yaml.path("authenticator").asText()).isEqualTo("PasswordAuthenticator");
    assertThat(yaml.path("authorizer").asText()).isEqualTo("CassandraAuthorizer");
    assertThat(yaml.path("role_manager").asText()).isEqualTo("CassandraRoleManager");
    JsonNode client = yaml.path("client_encryption_options");
    assertThat(client.path("enabled").asBoolean()).isTrue();
    assertThat(client.path("optional").asBoolean(true)).isFalse();
    assertThat(client.path("keystore").asText()).isEqualTo(keystore.toString());
    assertThat(client.path("truststore").asText()).isEqualTo(truststore.toString());
    assertThat(client.path("ssl_context_factory").path("class_name").asText())
        .isEqualTo("org.apache.cassandra.security.PEMBasedSslContextFactory");
    assertThat(client.has("keystore_password")).as("an unencrypted PEM key has no password").isFalse();
    // The rest is as it was.
    assertThat(yaml.path("cluster_name").asText()).isEqualTo("Test Cluster");
    assertThat(yaml.path("network_authorizer").path("class_name").asText()).isEqualTo("AllowAllNetworkAuthorizer");
    assertThat(yaml.path("server_encryption_options").path("keystore").asText()).isEqualTo("conf/.keystore");
    assertThat(yaml.path("native_transport_port").asInt()).isEqualTo(9042);
    assertThat(Files.readString(dir.resolve("upstream.log"))).isEqualTo("upstream cassandra -f\n");
    assertThat(output).doesNotContain("KEY AND CHAIN");

    String once = Files.readString(conf.resolve("cassandra.yaml"));
    assertThat(run().exitValue()).isZero();
    assertThat(Files.readString(conf.resolve("cassandra.yaml"))).as("a second run changes nothing").isEqualTo(once);
  }

  @Test
  void aMissingPemFileStopsItBeforeCassandraStarts() throws Exception {
    prepare();
    Files.delete(keystore);

    Process process = run();

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getInputStream().readAllBytes())).contains("cannot read " + keystore);
    assertThat(dir.resolve("upstream.log")).doesNotExist();
  }
}
