package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.ingest.expected.Verdict;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job killed with SIGKILL in the middle of the stream and started again from its checkpoint
 * ends with exactly the expected counts: nothing lost, nothing counted twice. The batch that was
 * running when it died runs again, and inserts its users into the minutes' sketches again: the
 * sketches still hold exactly the minutes' users.
 */
@ExtendWith(LocalStackExtension.class)
class CrashRecoveryIT {

  @Test
  void sigkillMidStreamThenRestartFromTheCheckpointGivesExactCountsAndSketches(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "crash");
    pipeline.seedSampleCampaigns();
    Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
    pipeline.replay(sample);
    String job = "campaign-stats";

    // Small micro-batches, so the kill lands between and inside batches, never after the last one.
    Process first = pipeline.startJob(job, "--trigger", "500ms", "--max-offsets-per-trigger", "1000");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (pipeline.committedBatches(job) < 3 && System.nanoTime() < deadline && first.isAlive()) {
      Thread.sleep(200);
    }
    assertThat(pipeline.committedBatches(job)).as("batches committed before the kill").isGreaterThanOrEqualTo(3);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .as("the kill came before the end").isNotEqualTo(JobHarness.expected("campaign_window_counts.csv"));

    pipeline.runToEnd(job);

    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
    Verdict verdict = new Verdict().minuteStats("campaign_minute_stats", pipeline.rows("campaign_minute_stats",
        AggregateTables.MINUTE_STATS_COLUMNS), JobHarness.expected("campaign_minute_stats.csv"));
    assertThat(verdict.problems()).isEmpty();
    ExpectedAggregates expected = JobHarness.expectedOf(sample);
    try (CqlSession session = pipeline.session()) {
      UsersSketches.assertEachHoldsExactlyItsMinutesUsers(session, pipeline.keyspace, expected);
    }
  }
}
