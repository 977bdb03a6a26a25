package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.Verdict;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample in samples/ replayed through the real pipeline (Kafka, registry, Spark, Cassandra)
 * gives exactly the expected aggregates, whatever mix of schema versions the events were written with.
 */
@ExtendWith(LocalStackExtension.class)
class SampleReplayIT {

  @TempDir
  Path tmp;

  @Test
  void campaignWindowCountsAreExactlyTheExpectedOnes(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "window_counts");
    pipeline.seedSampleCampaigns();
    pipeline.replay(JobHarness.SAMPLES.resolve("events.jsonl"));

    pipeline.runToEnd("campaign-window-counts");

    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
    assertThat(pipeline.rows("campaign_window_counts_by_window", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
  }

  @Test
  void campaignMinuteStatsMatchWithUniqueUsersWithinTwoPercentEvenWithVersion2EventsMixedIn(StackEndpoints stack)
      throws Exception {
    JobHarness pipeline = new JobHarness(stack, "minute_stats");
    pipeline.seedSampleCampaigns();
    pipeline.replay(everyOtherLineAsVersion2(JobHarness.SAMPLES.resolve("events.jsonl")));

    pipeline.runToEnd("campaign-minute-stats");

    Verdict verdict = new Verdict().minuteStats("campaign_minute_stats",
        pipeline.rows("campaign_minute_stats", AggregateTables.MINUTE_STATS_COLUMNS),
        JobHarness.expected("campaign_minute_stats.csv"));
    assertThat(verdict.problems()).isEmpty();
  }

  /** The sample with a country added to every other line, which makes the producer write it as version 2. */
  private Path everyOtherLineAsVersion2(Path sample) throws Exception {
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(sample)) {
      lines.add(n++ % 2 == 0 ? line : line.substring(0, line.length() - 1) + ",\"country\":\"NL\"}");
    }
    Path mixed = tmp.resolve("mixed.jsonl");
    Files.write(mixed, lines);
    return mixed;
  }
}
