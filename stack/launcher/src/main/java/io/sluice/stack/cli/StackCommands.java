package io.sluice.stack.cli;

import io.sluice.config.ConfigDef;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.CommandGroup;
import io.sluice.config.cli.Invocation;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.StackException;
import io.sluice.stack.StackSettings;
import java.util.List;
import java.util.Map;

/** {@code sluice stack up | down | status | env}. */
public final class StackCommands {

  private StackCommands() {
  }

  public static void main(String[] args) {
    Cli.main(new CommandGroup("sluice", "Sluice command line.").add(group()), args);
  }

  public static CommandGroup group() {
    return new CommandGroup("stack", "Run the local stack: Kafka, a Confluent-compatible schema registry and"
        + " Cassandra, each its own process.")
        .add(new Up()).add(new Down()).add(new Status()).add(new Env());
  }

  private static LocalStack stack(Invocation inv) {
    return new LocalStack(StackSettings.stateDir(inv.config()), inv.err()::println);
  }

  /** Runs a stack action, turning its errors into a one-line failure. */
  private static int guarded(StackAction action) {
    try {
      return action.run();
    } catch (StackException e) {
      throw new CommandFailedException(e.getMessage(), e);
    }
  }

  private interface StackAction {
    int run();
  }

  private abstract static class StackCommand implements Command {
    private final String name;
    private final String summary;
    private final ConfigDef settings;

    StackCommand(String name, String summary, ConfigDef settings) {
      this.name = name;
      this.summary = summary;
      this.settings = settings;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String summary() {
      return summary;
    }

    @Override
    public ConfigDef settings() {
      return settings;
    }
  }

  static final class Up extends StackCommand {
    Up() {
      super("up", "Start the servers that are not running and wait until each answers.", StackSettings.UP);
    }

    @Override
    public String description() {
      return summary() + " Progress goes to standard error; the endpoints, as 'stack env' prints them, to standard"
          + " output. Data in the state folder survives 'down' and 'up' unless --clean is given.";
    }

    @Override
    public int run(Invocation inv) {
      return guarded(() -> {
        StackEndpoints endpoints = stack(inv).up(inv.config());
        printEnv(inv, endpoints);
        return 0;
      });
    }
  }

  static final class Down extends StackCommand {
    Down() {
      super("down", "Stop the servers started by 'up' (by their PID files), gracefully, then forcibly.",
          StackSettings.DOWN);
    }

    @Override
    public int run(Invocation inv) {
      return guarded(() -> {
        stack(inv).down(inv.config().get(StackSettings.CLEAN));
        return 0;
      });
    }
  }

  static final class Status extends StackCommand {
    Status() {
      super("status", "Show each server: up or down, endpoint, PID and resident memory. Exit 0 only when all are up.",
          StackSettings.INSPECT);
    }

    @Override
    public int run(Invocation inv) {
      return guarded(() -> {
        List<ServerStatus> statuses = stack(inv).status();
        if (statuses.isEmpty()) {
          inv.out().println("No local stack in " + StackSettings.stateDir(inv.config()));
          return 3;
        }
        inv.out().println("Mode: " + (stack(inv).security().isPresent() ? "secure (SASL_SSL, TLS, logins; 'stack env'"
            + " prints the admin's)" : "plaintext"));
        inv.out().printf("%-12s %-5s %-44s %8s %9s%n", "SERVER", "STATE", "ENDPOINT", "PID", "RSS");
        long totalRss = 0;
        for (ServerStatus s : statuses) {
          inv.out().printf("%-12s %-5s %-44s %8s %9s%n", s.name(), s.up() ? "up" : "down", s.endpoint(),
              s.up() ? Long.toString(s.pid()) : "-", s.up() ? mib(s.rssBytes()) : "-");
          totalRss += Math.max(0, s.rssBytes());
        }
        inv.out().printf("%-12s %-5s %-44s %8s %9s%n", "total", "", "", "", mib(totalRss));
        return statuses.stream().allMatch(ServerStatus::up) ? 0 : 3;
      });
    }

    private static String mib(long bytes) {
      return bytes < 0 ? "?" : (bytes >> 20) + " MiB";
    }
  }

  static final class Env extends StackCommand {
    Env() {
      super("env", "Print the running stack's endpoints as shell assignments: eval \"$(sluice stack env)\".",
          StackSettings.INSPECT);
    }

    @Override
    public int run(Invocation inv) {
      return guarded(() -> {
        StackEndpoints endpoints = stack(inv).runningEndpoints().orElseThrow(() -> new CommandFailedException(
            "the local stack in " + StackSettings.stateDir(inv.config()) + " is not running; start it with"
                + " 'sluice stack up'"));
        printEnv(inv, endpoints);
        return 0;
      });
    }
  }

  private static void printEnv(Invocation inv, StackEndpoints endpoints) {
    for (Map.Entry<String, String> e : endpoints.asEnvironment().entrySet()) {
      // export: the commands run from that shell are child processes and must see them.
      inv.out().println("export " + e.getKey() + "=" + e.getValue());
    }
  }
}
