package io.sluice.jobs.faults;

import io.sluice.config.Config;
import io.sluice.jobs.JobHarness;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import io.sluice.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local stack shaped for fault tests, shared by them: three Kafka brokers (event topics with
 * replication 3 and min.insync.replicas 2), two Cassandra nodes, the registry. A test kills or stops
 * one server by its PID and brings it back with {@link #restart()}, which starts what is not running
 * on the same ports and data.
 *
 * <pre>{@code
 * @ExtendWith(FaultStack.Extension.class)
 * class BrokerLossIT {
 *   @Test void test(FaultStack servers) { servers.kill("kafka-2"); ...; servers.restart(); }
 * }
 * }</pre>
 */
public final class FaultStack {

  private final LocalStack stack;
  private final StackEndpoints endpoints;

  private FaultStack(LocalStack stack, StackEndpoints endpoints) {
    this.stack = stack;
    this.endpoints = endpoints;
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  /**
   * A pipeline of its own (topic, keyspace, checkpoints) on this stack, with the sample's campaigns:
   * its keyspace is replicated on both Cassandra nodes.
   */
  public JobHarness pipeline(String name) throws IOException {
    String[] bothNodes = {"--cassandra-replication-factor", "2"};
    JobHarness pipeline = new JobHarness(endpoints, name).withJobSettings(bothNodes);
    pipeline.seedSampleCampaigns(bothNodes);
    return pipeline;
  }

  /** SIGKILL: the server gets no chance to flush or leave its cluster. */
  public void kill(String server) throws Exception {
    ProcessHandle process = process(server);
    process.destroyForcibly();
    process.onExit().get(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits until the server has exited. */
  public void stop(String server) throws Exception {
    ProcessHandle process = process(server);
    process.destroy();
    process.onExit().get(60, TimeUnit.SECONDS);
  }

  /**
   * Stops {@code server} and deletes its data folder, as a server whose storage was lost; {@link
   * #restart()} brings it back empty.
   */
  public void loseData(String server) throws Exception {
    stop(server);
    Path data = stack.stateDir().resolve(server).resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Starts every stopped server again and waits until each answers; returns how long that took. */
  public Duration restart() {
    long t0 = System.nanoTime();
    StackEndpoints again = stack.up(config(stack.stateDir(), false));
    if (!again.equals(endpoints)) {
      throw new IllegalStateException("the stack came back on other endpoints: " + again + " instead of " + endpoints);
    }
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  public boolean isUp(String server) {
    return stack.status().stream().anyMatch(s -> s.name().equals(server) && s.up());
  }

  private ProcessHandle process(String server) {
    long pid = stack.status().stream().filter(s -> s.name().equals(server) && s.up()).mapToLong(ServerStatus::pid)
        .findFirst().orElseThrow(() -> new IllegalStateException(server + " is not running"));
    return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(server + " (pid " + pid + ") is gone"));
  }

  private static Config config(Path dir, boolean clean) {
    return LocalStackExtension.testStackConfig(dir, Map.of(StackSettings.KAFKA_BROKERS, 3,
        StackSettings.CASSANDRA_NODES, 2, StackSettings.CLEAN, clean));
  }

  /** Starts the fault stack once per test JVM and stops it when the run ends. */
  public static final class Extension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == FaultStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> Running.start(),
          Running.class).servers;
    }
  }

  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final FaultStack servers;
    private final Thread shutdownHook;

    private Running(FaultStack servers) {
      this.servers = servers;
      this.shutdownHook = new Thread(() -> servers.stack.down(false), "sluice-fault-stack-down");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static Running start() {
      Path dir = LocalStackExtension.testStateDir().resolve("faults");
      LocalStack stack = new LocalStack(dir, line -> System.err.println("[fault stack] " + line));
      return new Running(new FaultStack(stack, stack.up(config(dir, true))));
    }

    @Override
    public void close() {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      servers.stack.down(false);
    }
  }
}
