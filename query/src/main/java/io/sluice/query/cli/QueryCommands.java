package io.sluice.query.cli;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;

/** {@code sluice query}: what dashboards ask of the aggregate tables, from the command line. */
public final class QueryCommands {

  private QueryCommands() {
  }

  public static CommandGroup group() {
    return new CommandGroup("query", "Ask the aggregate tables in Cassandra what dashboards ask.")
        .add(new UniqueUsersCommand());
  }

  public static void main(String[] args) {
    Cli.main(new CommandGroup("sluice", "Sluice command line.").add(group()), args);
  }
}
