package io.sluice.stack.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.sluice.stack.LocalServer;
import io.sluice.stack.StackLayout;
import io.sluice.stack.StackSettings;
import io.sluice.stack.process.JavaCommand;
import io.sluice.stack.process.ServerProcess;
import io.sluice.stack.security.OwnerOnly;
import io.sluice.stack.security.StackSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One Cassandra 5 node; node N listens on 127.0.0.N, all nodes on the same ports. */
public final class CassandraNode extends LocalServer {

  // Cassandra on Java 17 reaches into JDK internals (see the platform notes).
  private static final String[] JAVA17_FLAGS = {
      "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
  };

  private final int node;
  private final StackLayout layout;
  private final String classPath;
  private final Path javaHome;
  private final String heap;
  private final StackSecurity security;

  /** A node of a secure stack when {@code security} is given, else a plaintext one. */
  public CassandraNode(int node, Path stateDir, StackLayout layout, String classPath, Path javaHome, String heap,
                       Optional<StackSecurity> security) {
    super(new ServerProcess("cassandra-" + node, stateDir.resolve("cassandra-" + node)));
    this.node = node;
    this.layout = layout;
    this.classPath = classPath;
    this.javaHome = javaHome;
    this.heap = heap;
    this.security = security.orElse(null);
  }

  private static final String PLAINTEXT = "authenticator: AllowAllAuthenticator\nauthorizer: AllowAllAuthorizer";

  private String host() {
    return StackLayout.cassandraHost(node);
  }

  private Path dir() {
    return process().dir();
  }

  /**
   * A node joins a ring whose seed answers: started beside the first node, the second bootstraps
   * while the first is still starting and exits with "Failed to find endpoints to fetch".
   */
  @Override
  public Optional<String> startsAfter() {
    return node == 1 ? Optional.empty() : Optional.of("cassandra-" + (node - 1));
  }

  @Override
  public List<Listener> listeners() {
    return List.of(new Listener(new InetSocketAddress(host(), layout.cassandraPort()), StackSettings.CASSANDRA_PORT),
        new Listener(new InetSocketAddress(host(), layout.cassandraStoragePort()),
            StackSettings.CASSANDRA_STORAGE_PORT));
  }

  @Override
  public void prepare() throws IOException {
    Files.createDirectories(dir().resolve("conf"));
    String yaml = resource("cassandra.yaml")
        .replace("${host}", host())
        .replace("${seed}", StackLayout.cassandraHost(1) + ":" + layout.cassandraStoragePort())
        .replace("${initial_token}", node == 1 ? "0" : Long.toString(Long.MIN_VALUE))
        .replace("${native_port}", Integer.toString(layout.cassandraPort()))
        .replace("${storage_port}", Integer.toString(layout.cassandraStoragePort()))
        .replace("${dir}", dir().toString())
        .replace("${security}", security == null ? PLAINTEXT : SecureCassandra.yaml(security));
    // A secure node's file holds its key store password: readable by the owner only.
    OwnerOnly.write(dir().resolve("conf/cassandra.yaml"), yaml);
    try (InputStream logback = CassandraNode.class.getResourceAsStream("logback.xml")) {
      Files.copy(logback, dir().resolve("conf/logback.xml"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = CassandraNode.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public JavaCommand command() {
    return JavaCommand.builder(javaHome)
        .heap(heap)
        .option("-XX:MaxDirectMemorySize=128m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC",
            "-Xss512k", "-XX:+IgnoreUnrecognizedVMOptions")
        .option(JAVA17_FLAGS)
        .systemProperty("cassandra.config", dir().resolve("conf/cassandra.yaml").toUri())
        .systemProperty("cassandra-foreground", "yes")
        .systemProperty("cassandra.logdir", dir().resolve("logs"))
        .systemProperty("cassandra.storagedir", dir().resolve("data"))
        .systemProperty("logback.configurationFile", dir().resolve("conf/logback.xml"))
        .systemProperty("cassandra.ring_delay_ms", 1000)
        .systemProperty("cassandra.skip_wait_for_gossip_to_settle", 0)
        .systemProperty("cassandra.superuser_setup_delay_ms", 0)
        .classPath(dir().resolve("conf") + ":" + classPath)
        .main("org.apache.cassandra.service.CassandraDaemon")
        .build();
  }

  @Override
  public Probe openProbe() {
    return () -> {
      // A plain TCP connect first: the driver is slow and loud against a port that is not open yet.
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(), layout.cassandraPort()), 1000);
      }
      if (security != null) {
        return SecureCassandra.answers(host(), layout.cassandraPort(), security);
      }
      try (CqlSession session = session(host(), layout.cassandraPort(), Duration.ofSeconds(5))) {
        return session.execute("SELECT release_version FROM system.local").one() != null;
      }
    };
  }

  /** A session on one node that does not go looking for others: enough for probes. */
  static CqlSession session(String host, int port, Duration timeout) {
    return sessionBuilder(host, port, timeout).build();
  }

  static CqlSessionBuilder sessionBuilder(String host, int port, Duration timeout) {
    DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
        .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
        .build();
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(host, port))
        .withLocalDatacenter(StackLayout.LOCAL_DC)
        .withConfigLoader(config);
  }
}
