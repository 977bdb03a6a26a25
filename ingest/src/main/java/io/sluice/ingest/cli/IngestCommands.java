package io.sluice.ingest.cli;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;
import io.sluice.schemas.cql.MigrateCommand;

/** The producing side of the command line: {@code generate}, {@code replay}, {@code seed-campaigns}, {@code migrate},
 * {@code grant-access}. */
public final class IngestCommands {

  private IngestCommands() {
  }

  public static CommandGroup group() {
    return new CommandGroup("sluice", "Sluice command line.")
        .add(new GenerateCommand())
        .add(new ReplayCommand())
        .add(new SeedCampaignsCommand())
        .add(new MigrateCommand())
        .add(new GrantAccessCommand())
        .add(new ExpectedCommand());
  }

  public static void main(String[] args) {
    Cli.main(group(), args);
  }
}
