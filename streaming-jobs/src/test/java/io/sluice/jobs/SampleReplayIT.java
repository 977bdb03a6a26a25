package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    List<String> actual = pipeline.rows("campaign_minute_stats", "views", "clicks", "purchases", "unique_users", "ctr");
    List<String> expected = JobHarness.expected("campaign_minute_stats.csv");
    assertThat(actual).hasSameSizeAs(expected);
    double squaredRelativeErrors = 0;
    for (int i = 0; i < expected.size(); i++) {
      String[] e = expected.get(i).split(",");
      String[] a = actual.get(i).split(",");
      assertThat(a[0] + a[1] + a[2]).isEqualTo(e[0] + e[1] + e[2]);
      assertThat(a[3] + "," + a[4] + "," + a[5]).as("views, clicks, purchases of %s", expected.get(i))
          .isEqualTo(e[3] + "," + e[4] + "," + e[5]);
      // HyperLogLog++ with a relative standard error of 1%: a single estimate may stray further, so the
      // 2% promise is checked on the root mean square of the relative errors, and each estimate within
      // three standard errors.
      double users = Double.parseDouble(e[6]);
      double estimate = Double.parseDouble(a[6]);
      squaredRelativeErrors += Math.pow((estimate - users) / users, 2);
      assertThat(estimate).as("unique users of %s", expected.get(i)).isCloseTo(users, within(users * 0.06));
      assertThat(Double.parseDouble(a[7])).as("ctr of %s", expected.get(i)).isCloseTo(Double.parseDouble(e[7]),
          within(1e-12));
    }
    assertThat(Math.sqrt(squaredRelativeErrors / expected.size())).as("relative error of unique users")
        .isLessThanOrEqualTo(0.02);
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
