package io.sluice.config.cli;

import io.sluice.config.ConfigDef;

/**
 * One action of the command line, such as {@code sluice stack up}. A command declares its
 * settings; the {@link Cli} parses flags, the environment and the config file against them,
 * prints help, and reports bad input before {@link #run} is called.
 */
public interface Command {

  String name();

  /** One line for command lists. */
  String summary();

  /** More text for this command's own help; the summary by default. */
  default String description() {
    return summary();
  }

  ConfigDef settings();

  /** Positional arguments as help shows them, e.g. {@code FILE...}; empty when there are none. */
  default String arguments() {
    return "";
  }

  /** Runs the command and returns the process exit code. */
  int run(Invocation invocation) throws Exception;
}
