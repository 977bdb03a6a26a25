package io.sluice.stack;

import io.sluice.config.Config;
import io.sluice.config.SharedSettings;
import io.sluice.stack.cassandra.CassandraNode;
import io.sluice.stack.kafka.KafkaBroker;
import io.sluice.stack.process.Ports;
import io.sluice.stack.process.ServerProcess;
import io.sluice.stack.registry.Keycloak;
import io.sluice.stack.registry.SchemaRegistry;
import io.sluice.stack.security.StackAccess;
import io.sluice.config.access.SluicePrincipal;
import io.sluice.stack.security.StackSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The local stack in one state folder: Kafka, the schema registry and Cassandra, each its own
 * process. {@link #up} starts what is not running and waits until every server answers a real
 * request; {@link #down} stops exactly the processes recorded in the folder.
 */
public final class LocalStack {

  private final Path stateDir;
  private final Consumer<String> progress;

  public LocalStack(Path stateDir, Consumer<String> progress) {
    this.stateDir = stateDir.toAbsolutePath().normalize();
    this.progress = progress;
  }

  public Path stateDir() {
    return stateDir;
  }

  /** Starts the stack as {@code config} (settings of {@link StackSettings#UP}) describes, and returns its endpoints. */
  public StackEndpoints up(Config config) {
    long startNanos = System.nanoTime();
    if (config.get(StackSettings.CLEAN)) {
      down(true);
    }
    Optional<StackLayout> previous = StackLayout.load(stateDir);
    List<String> running = previous.map(this::runningServers).orElse(List.of());
    StackLayout layout = StackLayout.resolve(config, previous, running::contains);
    Optional<StackSecurity> security = layout.secure()
        ? Optional.of(StackSecurity.ensure(stateDir, config.get(StackSettings.JAVA_HOME))) : Optional.empty();
    List<LocalServer> toStart = new ArrayList<>();
    for (LocalServer server : servers(layout, config, security)) {
      if (running.contains(server.name())) {
        progress.accept(server.name() + " is already running (pid " + server.process().running().map(ProcessHandle::pid)
            .orElse(-1L) + ")");
      } else {
        toStart.add(server);
      }
    }
    if (toStart.isEmpty()) {
      progress.accept("The local stack is already running in " + stateDir + "; nothing to start.");
      return endpoints(layout, security);
    }
    toStart.forEach(LocalStack::requireFreePorts);
    try {
      layout.save(stateDir);
    } catch (IOException e) {
      throw new StackException("Cannot write the stack layout to " + stateDir + ": " + e.getMessage(), e);
    }
    startAll(toStart, config.get(StackSettings.STARTUP_TIMEOUT));
    if (security.isPresent()) {
      StackAccess.grant(layout, security.get(), config.get(SharedSettings.TOPIC), progress);
    }
    progress.accept(String.format("Local stack ready in %.1f s (%s, state folder %s)",
        (System.nanoTime() - startNanos) / 1e9, layout.secure() ? "secure" : "plaintext", stateDir));
    return endpoints(layout, security);
  }

  /** Where the stack answers; a secure stack's as its admin. */
  private static StackEndpoints endpoints(StackLayout layout, Optional<StackSecurity> security) {
    return security.map(s -> layout.endpoints().withLogin(s.login(SluicePrincipal.ADMIN))).orElse(layout.endpoints());
  }

  /** The security of the stack in this folder, if it is a secure one. */
  public Optional<StackSecurity> security() {
    return StackLayout.load(stateDir).filter(StackLayout::secure).flatMap(l -> StackSecurity.load(stateDir));
  }

  private List<LocalServer> servers(StackLayout layout, Config config, Optional<StackSecurity> security) {
    ServerJars jars = new ServerJars(SluiceHome.locate());
    Path javaHome = config.get(StackSettings.JAVA_HOME);
    List<LocalServer> servers = new ArrayList<>();
    for (int n = 1; n <= layout.cassandraNodes(); n++) {
      servers.add(new CassandraNode(n, stateDir, layout, jars.cassandraClassPath(), javaHome,
          config.get(StackSettings.CASSANDRA_HEAP), security));
    }
    for (int b = 1; b <= layout.kafkaBrokers(); b++) {
      servers.add(new KafkaBroker(b, stateDir, layout, jars.kafkaClassPath(), javaHome,
          config.get(StackSettings.KAFKA_HEAP), security));
    }
    security.ifPresent(s -> servers.add(new Keycloak(stateDir, layout, jars.keycloakHome(), javaHome,
        config.get(StackSettings.KEYCLOAK_HEAP), s)));
    servers.add(new SchemaRegistry(stateDir, layout, jars.registryJar(), javaHome,
        config.get(StackSettings.REGISTRY_HEAP), security));
    return servers;
  }

  private static void requireFreePorts(LocalServer server) {
    for (LocalServer.Listener listener : server.listeners()) {
      String host = listener.address().getHostString();
      int port = listener.address().getPort();
      if (!Ports.isFree(host, port)) {
        throw new StackException("Cannot start " + server.name() + ": port " + port + " on " + host
            + " is already in use by another program. Choose another with " + listener.portSetting().flag()
            + " (or " + listener.portSetting().flag() + " 0 for a free one).");
      }
    }
  }

  /**
   * Starts the servers side by side, each after the one it {@linkplain LocalServer#startsAfter()
   * starts after}. At the first failure it stops every server this call started (so the others
   * fail fast instead of finishing a start that is no use) and reports every failure.
   */
  private void startAll(List<LocalServer> servers, Duration timeout) {
    ExecutorService pool = Executors.newFixedThreadPool(servers.size());
    Map<String, CompletableFuture<Void>> ready = new HashMap<>();
    servers.forEach(server -> ready.put(server.name(), new CompletableFuture<>()));
    try {
      CompletionService<Void> completions = new ExecutorCompletionService<>(pool);
      for (LocalServer server : servers) {
        completions.submit(() -> {
          try {
            Optional<CompletableFuture<Void>> before = server.startsAfter().map(ready::get);
            if (before.isPresent()) {
              awaitPeer(server, before.get());
            }
            startOne(server, timeout);
            ready.get(server.name()).complete(null);
          } catch (Exception | Error e) {
            ready.get(server.name()).completeExceptionally(e);
            throw e;
          }
          return null;
        });
      }
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        try {
          completions.take().get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          failures.add(cause instanceof StackException ? cause.getMessage() : cause.toString());
          if (failures.size() == 1) {
            progress.accept("Stopping the servers that started: " + firstLine(failures.get(0)));
            servers.forEach(s -> s.process().stop(Duration.ofSeconds(10)));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          servers.forEach(s -> s.process().stop(Duration.ofSeconds(10)));
          throw new StackException("Interrupted while starting the local stack", e);
        }
      }
      if (!failures.isEmpty()) {
        // The first failure is the cause; the others are mostly "stopped while starting" after it.
        throw new StackException(failures.get(0));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitPeer(LocalServer server, CompletableFuture<Void> peer) throws InterruptedException {
    try {
      peer.get();
    } catch (ExecutionException e) {
      throw new StackException(server.name() + " was not started: " + server.startsAfter().orElseThrow()
          + ", which it starts after, did not start");
    }
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private void startOne(LocalServer server, Duration timeout) throws IOException {
    long t0 = System.nanoTime();
    server.prepare();
    ProcessHandle handle = server.process().start(server.command());
    progress.accept("Starting " + server.name() + " (pid " + handle.pid() + ", log " + server.process().log() + ")");
    try (LocalServer.Probe probe = server.openProbe()) {
      server.process().awaitReady(probe, timeout);
    }
    progress.accept(String.format("%s ready in %.1f s", server.name(), (System.nanoTime() - t0) / 1e9));
  }

  /** Stops every server recorded in the state folder; with {@code clean}, deletes the folder afterwards. */
  public void down(boolean clean) {
    Optional<StackLayout> layout = StackLayout.load(stateDir);
    if (layout.isEmpty()) {
      progress.accept("No local stack in " + stateDir + "; nothing to stop.");
    } else {
      for (String name : layout.get().serverNames()) {
        ServerProcess process = new ServerProcess(name, stateDir.resolve(name));
        Optional<Long> pid = process.running().map(ProcessHandle::pid);
        if (process.stop(Duration.ofSeconds(30))) {
          progress.accept("Stopped " + name + " (pid " + pid.orElse(-1L) + ")");
        }
      }
    }
    if (clean) {
      deleteStateDir();
    }
  }

  private void deleteStateDir() {
    if (!Files.exists(stateDir)) {
      return;
    }
    try (Stream<Path> top = Files.list(stateDir)) {
      if (!Files.exists(stateDir.resolve(StackLayout.FILE)) && top.findAny().isPresent()) {
        throw new StackException("Refusing to delete " + stateDir + ": it is not a Sluice state folder (no "
            + StackLayout.FILE + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> all = Files.walk(stateDir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new StackException("Cannot delete " + stateDir + ": " + e.getMessage(), e);
    }
    progress.accept("Deleted " + stateDir);
  }

  public List<ServerStatus> status() {
    Optional<StackLayout> layout = StackLayout.load(stateDir);
    List<ServerStatus> statuses = new ArrayList<>();
    layout.ifPresent(l -> {
      List<String> names = new ArrayList<>(l.serverNames());
      names.sort(Comparator.<String>comparingInt(n -> n.startsWith("kafka") ? 0 : n.startsWith("registry") || n.equals("keycloak") ? 1 : 2)
          .thenComparing(Comparator.naturalOrder()));
      for (String name : names) {
        Optional<ProcessHandle> handle = new ServerProcess(name, stateDir.resolve(name)).running();
        statuses.add(new ServerStatus(name, handle.isPresent(), l.endpointOf(name),
            handle.map(ProcessHandle::pid).orElse(-1L), handle.map(ServerProcess::rssBytes).orElse(-1L)));
      }
    });
    return statuses;
  }

  /** The endpoints of the stack in this folder, if every one of its servers is running. */
  public Optional<StackEndpoints> runningEndpoints() {
    return StackLayout.load(stateDir)
        .filter(l -> runningServers(l).size() == l.serverNames().size())
        .map(l -> endpoints(l, l.secure() ? StackSecurity.load(stateDir) : Optional.empty()));
  }

  private List<String> runningServers(StackLayout layout) {
    List<String> running = new ArrayList<>();
    for (String name : layout.serverNames()) {
      if (new ServerProcess(name, stateDir.resolve(name)).running().isPresent()) {
        running.add(name);
      }
    }
    return running;
  }
}
