package io.sluice.stack.registry;

import io.sluice.config.access.SluicePrincipal;
import io.sluice.config.tls.PemTrust;
import io.sluice.stack.LocalServer;
import io.sluice.stack.StackLayout;
import io.sluice.stack.StackSettings;
import io.sluice.stack.process.JavaCommand;
import io.sluice.stack.process.ServerProcess;
import io.sluice.stack.security.OwnerOnly;
import io.sluice.stack.security.StackSecurity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Apicurio Registry serving the Confluent Schema Registry API. Schemas persist in an H2 file
 * database in its folder, so they survive a restart or a crash as Confluent's (Kafka-backed) registry does.
 * A secure stack's serves HTTPS only and lets {@link Keycloak} check every login.
 */
public final class SchemaRegistry extends LocalServer {

  private final StackLayout layout;
  private final Path jar;
  private final Path javaHome;
  private final String heap;
  private final StackSecurity security;

  /** The registry of a secure stack (HTTPS only) when {@code security} is given, else a plain HTTP one. */
  public SchemaRegistry(Path stateDir, StackLayout layout, Path jar, Path javaHome, String heap,
                        Optional<StackSecurity> security) {
    super(new ServerProcess("registry", stateDir.resolve("registry")));
    this.layout = layout;
    this.jar = jar;
    this.javaHome = javaHome;
    this.heap = heap;
    this.security = security.orElse(null);
  }

  @Override
  public List<Listener> listeners() {
    return List.of(new Listener(new InetSocketAddress("127.0.0.1", layout.registryPort()),
        StackSettings.REGISTRY_PORT));
  }

  @Override
  public void prepare() throws IOException {
    Files.createDirectories(process().dir().resolve("data"));
    if (security != null) {
      // Quarkus reads the key store password from this file, not from the command line.
      OwnerOnly.write(secureConfig(), String.join("\n",
          "quarkus.http.ssl-port=" + layout.registryPort(),
          "quarkus.http.insecure-requests=disabled",
          "quarkus.http.ssl.certificate.key-store-file=" + security.serverKeystore(),
          "quarkus.http.ssl.certificate.key-store-password=" + security.keystorePassword().reveal(),
          // A basic-auth login is a Keycloak client id and secret, exchanged for a token with the client's role.
          "registry.auth.enabled=true",
          "registry.auth.basic-auth-client-credentials.enabled=true",
          "registry.auth.role-based-authorization=true",
          "registry.auth.role-source=token",
          "registry.keycloak.url=" + Keycloak.url(layout),
          "registry.keycloak.realm=" + KeycloakRealm.NAME) + "\n");
    }
  }

  private Path secureConfig() {
    return process().dir().resolve("secure.properties");
  }

  @Override
  public JavaCommand command() {
    JavaCommand.Builder command = JavaCommand.builder(javaHome);
    if (security != null) {
      command.systemProperty("quarkus.config.locations", secureConfig().toUri())
          // Keycloak's certificate is signed by the stack's CA, which the JVM then trusts.
          .systemProperty("javax.net.ssl.trustStore", security.trustStore())
          .systemProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }
    return command
        .heap(heap)
        .option("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1")
        .systemProperty("quarkus.http.host", "127.0.0.1")
        .systemProperty("quarkus.http.port", layout.registryPort())
        .systemProperty("quarkus.datasource.jdbc.url", jdbcUrl())
        // Apicurio's production profile opens a pool of 20 connections; one user needs two.
        .systemProperty("quarkus.datasource.jdbc.min-size", 1)
        .systemProperty("quarkus.datasource.jdbc.initial-size", 1)
        .jar(jar)
        .build();
  }

  /**
   * H2 writes committed changes to its file in the background, up to a second late by default: a
   * registry killed in that second had answered with an id it then forgets, and would hand the same id
   * to another schema. {@code WRITE_DELAY=0} writes each commit before the registry answers.
   */
  String jdbcUrl() {
    return "jdbc:h2:file:" + process().dir().resolve("data/registry") + ";WRITE_DELAY=0";
  }

  /**
   * Ready when the Confluent API answers; then the global compatibility is set to BACKWARD,
   * Confluent's default (Apicurio's is NONE), so the local stack checks schema changes as production does.
   */
  @Override
  public Probe openProbe() {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (security != null) {
      builder.sslContext(PemTrust.sslContext(security.caPem()));
    }
    HttpClient http = builder.build();
    String base = layout.endpointOf(name());
    HttpRequest subjects = asAdmin(HttpRequest.newBuilder(URI.create(base + "/subjects")))
        .timeout(Duration.ofSeconds(3)).GET().build();
    HttpRequest backward = asAdmin(HttpRequest.newBuilder(URI.create(base + "/config")))
        .timeout(Duration.ofSeconds(3))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")).build();
    return () -> http.send(subjects, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
        && http.send(backward, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  /** Setting the global compatibility takes the registry's admin role. */
  private HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
    if (security == null) {
      return request;
    }
    String userInfo = security.login(SluicePrincipal.ADMIN).userInfo().reveal();
    return request.header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  /** A secure registry answers nothing before Keycloak has checked the login. */
  @Override
  public Optional<String> startsAfter() {
    return security == null ? Optional.empty() : Optional.of("keycloak");
  }

  @Override
  public Duration stopGrace() {
    return Duration.ofSeconds(15);
  }
}
