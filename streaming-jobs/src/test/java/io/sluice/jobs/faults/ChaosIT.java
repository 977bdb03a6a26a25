package io.sluice.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.Verdict;
import io.sluice.jobs.JobHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run at 5,000 events/s (generated with duplicates and out-of-order events) while the job,
 * writing both tables, is SIGKILLed ten times at random moments and started again from its
 * checkpoint: every other kill lands anywhere in a run (its start, the re-run of an interrupted
 * batch), the others after the run has committed a batch. Every row equals what was produced.
 */
@ExtendWith(FaultStack.Extension.class)
class ChaosIT {

  private static final String JOB = "campaign-stats";
  private static final int KILLS = 10;

  @TempDir
  Path tmp;

  @Test
  void tenSigkillsOfTheJobDuringALiveRunLoseAndDoubleCountNothing(FaultStack servers) throws Exception {
    JobHarness pipeline = servers.pipeline("chaos");
    Path campaigns = JobHarness.SAMPLES.resolve("campaigns.csv");
    Path events = tmp.resolve("live.jsonl");
    long seed = System.nanoTime();
    System.out.println("chaos seed " + seed);
    pipeline.sluice("generate", "--campaigns", campaigns.toString(), "--rate", "5000", "--duration", "180s",
        "--start-time", Instant.now().toString(), "--seed", Long.toString(seed), "--output", events.toString());
    CompletableFuture<Void> live = CompletableFuture.runAsync(() -> pipeline.sluice("replay", "--topic",
        pipeline.topic, "--pace", "rate", "--rate", "5000", events.toString()));

    Random random = new Random(seed);
    List<Long> killedAtBatch = new ArrayList<>();
    int killedWhileLive = 0;
    Duration slowestRecovery = Duration.ZERO;
    // Bounded batches: each run's first batch commits within seconds, however much backlog the kills left.
    String[] settings = {"--trigger", "1s", "--max-offsets-per-trigger", "20000"};
    long started = System.nanoTime();
    for (int kill = 1; kill <= KILLS; kill++) {
      long committed = pipeline.committedBatches(JOB);
      long restarted = System.nanoTime();
      Process job = pipeline.startJob(JOB, settings);
      try {
        if (kill % 2 == 1) {
          // Anywhere in the run: while it starts, while it re-runs the batch the last kill cut short, or later.
          Thread.sleep(2_000 + random.nextInt(10_000));
          assertThat(job.isAlive()).as("run %d alive until its kill; log in %s", kill, pipeline.jobLog(JOB)).isTrue();
        } else {
          Waits.until("progress of run " + kill, Duration.ofMinutes(2), job,
              () -> pipeline.committedBatches(JOB) > committed);
          Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
          slowestRecovery = recovery.compareTo(slowestRecovery) > 0 ? recovery : slowestRecovery;
          Thread.sleep(random.nextInt(3_000));
        }
      } finally {
        job.destroyForcibly();
        assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      killedAtBatch.add(pipeline.committedBatches(JOB));
      killedWhileLive += live.isDone() ? 0 : 1;
    }
    assertThat(killedWhileLive).as("kills while the producer was still sending").isGreaterThanOrEqualTo(KILLS / 2);
    live.get(5, TimeUnit.MINUTES);
    pipeline.runToEnd(JOB);
    Duration chaos = Duration.ofNanos(System.nanoTime() - started);
    System.out.println("chaos: killed after batches " + killedAtBatch + ", " + killedWhileLive
        + " of them while the producer was sending; " + chaos.toSeconds()
        + " s in all; slowest restart to its first commit " + slowestRecovery.toMillis() + " ms");

    Path expectedDir = tmp.resolve("expected");
    pipeline.sluice("expected", "--campaigns", campaigns.toString(), "--output-dir", expectedDir.toString(),
        events.toString());
    List<String> expected = AggregateTables.expected(expectedDir.resolve("campaign_window_counts.csv"));
    List<String> rows = pipeline.rows("campaign_window_counts", "views");
    var produced = FaultAudit.producedIds(events);
    var onTopic = FaultAudit.idsOnTopic(servers.endpoints(), pipeline.topic);
    var outcome = FaultAudit.outcome(KILLS + " job SIGKILLs in a live run at 5,000 events/s", produced, onTopic,
        expected, rows, slowestRecovery);
    System.out.println(outcome.row());
    assertThat(onTopic).isEqualTo(produced);
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic + ".dlq")).as("dead letters").isZero();
    assertThat(rows).isEqualTo(expected);
    Verdict verdict = new Verdict().minuteStats("campaign_minute_stats",
        pipeline.rows("campaign_minute_stats", AggregateTables.MINUTE_STATS_COLUMNS),
        AggregateTables.expected(expectedDir.resolve("campaign_minute_stats.csv")));
    assertThat(verdict.problems()).isEmpty();
    assertThat(pipeline.batchIdsReported(JOB)).doesNotHaveDuplicates();
  }
}
