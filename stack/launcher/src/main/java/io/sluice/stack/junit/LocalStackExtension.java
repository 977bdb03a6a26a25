package io.sluice.stack.junit;

import io.sluice.config.Config;
import io.sluice.config.Setting;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the real local stack once per test run and hands its {@link StackEndpoints} to tests
 * that ask for them as a parameter. Ports are always free random ones, so tests never assume
 * fixed ports and never clash with a developer's own stack. The stack stops when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class MyIT {
 *   @Test void works(StackEndpoints stack) { ... stack.kafkaBootstrapServers() ... }
 * }
 * }</pre>
 *
 * The state folder is {@code -Dsluice.test.state.dir} (the build sets {@code target/test-stack}).
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StackEndpoints.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).endpoints;
  }

  private static RunningStack running(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningStack.class,
        key -> RunningStack.start(testStateDir().resolve("shared")), RunningStack.class);
  }

  /** The folder where test stacks live, each in a subfolder; the shared one is {@code shared}. */
  public static Path testStateDir() {
    return Path.of(System.getProperty("sluice.test.state.dir", "target/test-stack")).toAbsolutePath();
  }

  /** Settings for a throw-away test stack in {@code dir}: clean start, random ports, smaller heaps. */
  public static Config testStackConfig(Path dir, Map<Setting<?>, ?> overrides) {
    Map<Setting<?>, Object> settings = new java.util.LinkedHashMap<>();
    settings.put(StackSettings.STATE_DIR, dir);
    settings.put(StackSettings.WELL_KNOWN_PORTS, false);
    settings.put(StackSettings.CLEAN, true);
    settings.put(StackSettings.KAFKA_HEAP, "384m");
    settings.put(StackSettings.CASSANDRA_HEAP, "512m");
    settings.putAll(overrides);
    return Config.of(StackSettings.UP, settings);
  }

  /** The shared stack, stopped by JUnit when the run's root context closes. */
  private static final class RunningStack implements ExtensionContext.Store.CloseableResource {
    private final LocalStack stack;
    private final StackEndpoints endpoints;
    private final Thread shutdownHook;

    private RunningStack(LocalStack stack, StackEndpoints endpoints) {
      this.stack = stack;
      this.endpoints = endpoints;
      // Also on an abrupt end of the test JVM (Ctrl-C), so no server outlives the run.
      this.shutdownHook = new Thread(() -> stack.down(false), "sluice-test-stack-down");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static RunningStack start(Path dir) {
      LocalStack stack = new LocalStack(dir, line -> System.err.println("[test stack] " + line));
      return new RunningStack(stack, stack.up(testStackConfig(dir, Map.of())));
    }

    @Override
    public void close() {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      stack.down(false);
    }
  }
}
