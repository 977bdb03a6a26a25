package io.sluice.dashboard;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;

/** {@code sluice dashboard}. */
public final class DashboardMain {

  private DashboardMain() {
  }

  public static void main(String[] args) {
    Cli.main(new CommandGroup("sluice", "Sluice command line.").add(new DashboardCommand()), args);
  }
}
