package io.sluice.stack;

import io.sluice.stack.process.JavaCommand;
import io.sluice.stack.process.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.sluice.config.Setting;

/**
 * One server of the local stack. Subclasses say how it is configured, launched and probed;
 * starting, PID files, logs and stopping are the same for all and live in {@link ServerProcess}.
 */
public abstract class LocalServer {

  private final ServerProcess process;

  protected LocalServer(ServerProcess process) {
    this.process = process;
  }

  public final String name() {
    return process.name();
  }

  public final ServerProcess process() {
    return process;
  }

  /** The addresses it will listen on, each checked before the start so a clash is reported, not waited on. */
  public abstract List<Listener> listeners();

  /** Writes its configuration files and initialises storage when needed. */
  public abstract void prepare() throws IOException;

  public abstract JavaCommand command();

  /** A probe that succeeds once the server answers a real request of its protocol. */
  public abstract Probe openProbe();

  /**
   * The server that must be ready before this one starts, when both start together; the others
   * start side by side.
   */
  public Optional<String> startsAfter() {
    return Optional.empty();
  }

  /** How long a graceful shutdown may take before the process is killed. */
  public Duration stopGrace() {
    return Duration.ofSeconds(30);
  }

  /** An address a server listens on, and the setting that chooses its port. */
  public record Listener(InetSocketAddress address, Setting<Integer> portSetting) {
  }

  /** A readiness probe that may hold a client open between attempts. */
  public interface Probe extends ServerProcess.ReadinessProbe, AutoCloseable {
    @Override
    default void close() {
    }
  }
}
