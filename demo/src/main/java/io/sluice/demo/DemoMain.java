package io.sluice.demo;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;

/** {@code sluice demo}. */
public final class DemoMain {

  private DemoMain() {
  }

  public static void main(String[] args) {
    Cli.main(new CommandGroup("sluice", "Sluice command line.").add(new DemoCommand()), args);
  }
}
