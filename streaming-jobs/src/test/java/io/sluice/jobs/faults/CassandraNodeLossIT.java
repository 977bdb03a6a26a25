package io.sluice.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.sluice.jobs.JobHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two Cassandra nodes, the keyspace replicated on both, one node SIGKILLed while the job writes.
 * With the default LOCAL_QUORUM a write needs both nodes: the batch fails, the job restarts it from
 * the checkpoint until the node is back. With ONE the job keeps writing on the node that is left.
 * Either way the rows are exact once the node is back.
 */
@ExtendWith(FaultStack.Extension.class)
class CassandraNodeLossIT {

  private static final String JOB = "campaign-window-counts";

  @Test
  void atLocalQuorumTheJobRetriesItsBatchUntilTheNodeIsBack(FaultStack servers) throws Exception {
    JobHarness pipeline = servers.pipeline("cassandra_quorum");
    Outcome outcome = killANodeWhileTheJobWrites(servers, pipeline, "LOCAL_QUORUM");

    assertThat(outcome.log).as("the failed writes were restarted, not skipped").contains("restart 1 of")
        .containsPattern("Unavailable|NoNodeAvailable|WriteTimeout|AllNodesFailed");
    assertThat(outcome.committedWhileDown).as("no batch commits while its writes cannot reach a quorum")
        .isLessThanOrEqualTo(1);
  }

  @Test
  void atOneTheJobKeepsWritingToTheNodeThatIsLeft(FaultStack servers) throws Exception {
    JobHarness pipeline = servers.pipeline("cassandra_one");
    Outcome outcome = killANodeWhileTheJobWrites(servers, pipeline, "ONE");

    assertThat(outcome.committedWhileDown).as("batches committed with one node down").isGreaterThanOrEqualTo(2);
  }

  private record Outcome(long committedWhileDown, String log) {
  }

  private static Outcome killANodeWhileTheJobWrites(FaultStack servers, JobHarness pipeline, String consistency)
      throws Exception {
    Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
    pipeline.replay(sample);
    Process job = pipeline.startJob(JOB, "--trigger", "1s", "--max-offsets-per-trigger", "1000",
        "--cassandra-write-consistency", consistency,
        "--restart-attempts", "30", "--restart-backoff", "1s", "--restart-backoff-max", "4s");
    long committedWhileDown;
    Duration recovery;
    List<String> expected = JobHarness.expected("campaign_window_counts.csv");
    try {
      Waits.until("the job's first batches", Duration.ofMinutes(3), job, () -> pipeline.committedBatches(JOB) >= 2);
      long atKill = pipeline.committedBatches(JOB);
      servers.kill("cassandra-2");
      long killed = System.nanoTime();
      Thread.sleep(20_000);
      committedWhileDown = pipeline.committedBatches(JOB) - atKill;
      servers.restart();
      // Read at ALL: every replica, the one that was down included, holds the exact rows.
      Waits.until("exact rows on both nodes after the node is back", Duration.ofMinutes(4), job,
          () -> pipeline.rows(DefaultConsistencyLevel.ALL, "campaign_window_counts", "views").equals(expected));
      recovery = Duration.ofNanos(System.nanoTime() - killed);
    } finally {
      job.destroyForcibly();
      job.waitFor(30, TimeUnit.SECONDS);
      if (!servers.isUp("cassandra-2")) {
        servers.restart();
      }
    }
    var produced = FaultAudit.producedIds(sample);
    var onTopic = FaultAudit.idsOnTopic(servers.endpoints(), pipeline.topic);
    assertThat(onTopic).isEqualTo(produced);
    var outcome = FaultAudit.outcome("Cassandra node SIGKILL while writing at " + consistency, produced, onTopic,
        expected, pipeline.rows(DefaultConsistencyLevel.ALL, "campaign_window_counts", "views"), recovery);
    System.out.println(outcome.row());
    assertThat(outcome.lost() + outcome.doubled()).isZero();
    return new Outcome(committedWhileDown, Files.readString(pipeline.jobLog(JOB)));
  }
}
