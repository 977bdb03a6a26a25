package io.sluice.stack.registry;

import io.sluice.config.tls.PemTrust;
import io.sluice.stack.LocalServer;
import io.sluice.stack.StackException;
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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak, which checks the logins of a secure stack's registry (see {@link KeycloakRealm}), over
 * HTTPS on the loopback address. The distribution the build unpacked is shared: Keycloak compiles
 * its build-time options into it once ({@code kc.sh build}, about 30 s), and each stack runs it with
 * a home folder of its own, holding its configuration, its realm and its database.
 */
public final class Keycloak extends LocalServer {

  private static final String MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
  /** Marks a distribution {@code build} has compiled; the build-time options are those of {@link #build}. */
  private static final String BUILT_MARKER = ".sluice-built";

  private final StackLayout layout;
  private final Path distribution;
  private final Path javaHome;
  private final String heap;
  private final StackSecurity security;

  public Keycloak(Path stateDir, StackLayout layout, Path distribution, Path javaHome, String heap,
                  StackSecurity security) {
    super(new ServerProcess("keycloak", stateDir.resolve("keycloak")));
    this.layout = layout;
    this.distribution = distribution;
    this.javaHome = javaHome;
    this.heap = heap;
    this.security = security;
  }

  /** The URL Apicurio asks for tokens at, and the issuer of those tokens. */
  public static String url(StackLayout layout) {
    return "https://127.0.0.1:" + layout.keycloakPort();
  }

  @Override
  public List<Listener> listeners() {
    return List.of(new Listener(new InetSocketAddress("127.0.0.1", layout.keycloakPort()),
        StackSettings.KEYCLOAK_PORT));
  }

  @Override
  public void prepare() throws IOException {
    ensureBuilt();
    Path home = home();
    Files.createDirectories(home.resolve("data/import"));
    for (String shared : List.of("lib", "themes", "providers")) {
      Path link = home.resolve(shared);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, distribution.resolve(shared));
    }
    OwnerOnly.createDirectory(home.resolve("conf"));
    // The key store password is read from this file, not from the command line.
    OwnerOnly.write(home.resolve("conf/keycloak.conf"), String.join("\n",
        "cache=local",
        "http-enabled=false",
        "http-host=127.0.0.1",
        "https-port=" + layout.keycloakPort(),
        "https-key-store-file=" + security.serverKeystore(),
        "https-key-store-type=PKCS12",
        "https-key-store-password=" + security.keystorePassword().reveal(),
        "hostname=" + url(layout)) + "\n");
    // Imported on the first start; later starts keep the realm in the database (the passwords never change).
    OwnerOnly.write(home.resolve("data/import/" + KeycloakRealm.NAME + "-realm.json"), KeycloakRealm.json(security));
  }

  private Path home() {
    return process().dir().resolve("home");
  }

  @Override
  public JavaCommand command() {
    return jvm(home()).heap(heap).main(MAIN, "start", "--optimized", "--import-realm").build();
  }

  /** What Keycloak's {@code kc.sh} gives the JVM, with a small footprint's GC and JIT. */
  private JavaCommand.Builder jvm(Path home) {
    return JavaCommand.builder(javaHome)
        .option("-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m", "-XX:+ExitOnOutOfMemoryError",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.security=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED")
        .systemProperty("file.encoding", "UTF-8")
        .systemProperty("user.language", "en")
        .systemProperty("kc.home.dir", home)
        .systemProperty("jboss.server.config.dir", home.resolve("conf"))
        .systemProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager")
        .systemProperty("picocli.disable.closures", "true")
        .systemProperty("java.util.concurrent.ForkJoinPool.common.threadFactory",
            "io.quarkus.bootstrap.forkjoin.QuarkusForkJoinWorkerThreadFactory")
        .classPath(home.resolve("lib/quarkus-run.jar").toString());
  }

  /**
   * Compiles the distribution's build-time options once. A lock keeps two stacks starting at the
   * same time from building it together.
   */
  private void ensureBuilt() throws IOException {
    if (Files.exists(distribution.resolve(BUILT_MARKER))) {
      return;
    }
    try (FileChannel channel = FileChannel.open(distribution.resolve(".sluice-build.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock ignored = channel.lock()) {
      if (!Files.exists(distribution.resolve(BUILT_MARKER))) {
        build();
        Files.writeString(distribution.resolve(BUILT_MARKER), "built by the Sluice stack launcher\n");
      }
    }
  }

  private void build() throws IOException {
    Files.createDirectories(process().dir());
    Path log = process().dir().resolve("build.log");
    List<String> argv = jvm(distribution).heap("256m").main(MAIN, "build", "--db=dev-file").build()
        .toArgv("keycloak-build");
    Process build = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    try {
      if (!build.waitFor(5, TimeUnit.MINUTES)) {
        build.destroyForcibly();
        throw new StackException("Keycloak's build of " + distribution + " took over 5 minutes; see " + log);
      }
    } catch (InterruptedException e) {
      build.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while building Keycloak", e);
    }
    if (build.exitValue() != 0) {
      throw new StackException("Keycloak's build of " + distribution + " failed (exit " + build.exitValue()
          + "); see " + log);
    }
  }

  /** Ready when the realm serves its OpenID configuration, which Apicurio fetches first. */
  @Override
  public Probe openProbe() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
        .sslContext(PemTrust.sslContext(security.caPem())).build();
    HttpRequest realm = HttpRequest.newBuilder(URI.create(url(layout) + "/realms/" + KeycloakRealm.NAME
        + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(3)).GET().build();
    return () -> http.send(realm, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }
}
