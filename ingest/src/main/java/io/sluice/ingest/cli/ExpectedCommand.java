package io.sluice.ingest.cli;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import io.sluice.config.cli.UsageException;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.expected.ExpectedAggregates;
import java.io.IOException;
import java.nio.file.Path;

/** {@code sluice expected}: the aggregates the jobs must produce for event files, computed without Spark. */
public final class ExpectedCommand implements Command {

  static final Setting<Path> CAMPAIGNS = Setting.builder("campaigns", ValueType.PATH).required()
      .doc("Campaign CSV (ad_id,campaign_id) the events are joined with.").build();
  static final Setting<Path> OUTPUT_DIR = Setting.builder("output-dir", ValueType.PATH).required()
      .doc("Folder for " + ExpectedAggregates.WINDOW_COUNTS_FILE + " and " + ExpectedAggregates.MINUTE_STATS_FILE
          + ".").build();

  @Override
  public String name() {
    return "expected";
  }

  @Override
  public String summary() {
    return "Compute the aggregates the streaming jobs must produce for event files, without Spark.";
  }

  @Override
  public String arguments() {
    return "FILE...";
  }

  @Override
  public ConfigDef settings() {
    return ConfigDef.of(CAMPAIGNS, OUTPUT_DIR);
  }

  @Override
  public int run(Invocation inv) throws IOException {
    if (inv.arguments().isEmpty()) {
      throw new UsageException("give at least one event FILE");
    }
    ExpectedAggregates expected;
    try {
      expected = ExpectedAggregates.ofFiles(Campaigns.readCsv(inv.config().get(CAMPAIGNS)).campaignByAd(),
          inv.arguments().stream().map(Path::of).toList());
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException(e.getMessage());
    }
    expected.writeCsv(inv.config().get(OUTPUT_DIR));
    inv.out().printf("%d window counts and %d minute stats written to %s (%d duplicates and %d events of unknown"
            + " ads left out)%n", expected.viewCounts().size(), expected.minuteStats().size(),
        inv.config().get(OUTPUT_DIR), expected.duplicates(), expected.unknownAds());
    return 0;
  }
}
