package io.sluice.config.cli;

import io.sluice.config.Config;
import java.io.PrintStream;
import java.util.List;

/** What a command is run with: its resolved settings, positional arguments and output streams. */
public final class Invocation {

  private final String commandPath;
  private final Config config;
  private final List<String> arguments;
  private final PrintStream out;
  private final PrintStream err;

  public Invocation(String commandPath, Config config, List<String> arguments, PrintStream out, PrintStream err) {
    this.commandPath = commandPath;
    this.config = config;
    this.arguments = List.copyOf(arguments);
    this.out = out;
    this.err = err;
  }

  /** The full command as typed, e.g. {@code sluice stack up}, for messages. */
  public String commandPath() {
    return commandPath;
  }

  public Config config() {
    return config;
  }

  public List<String> arguments() {
    return arguments;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }
}
