package io.sluice.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.JobHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three brokers, the event topic replicated three times with min.insync.replicas 2, an idempotent
 * producer with acks=all: a broker killed during the replay, and another one (after the first is
 * back) while the job drains, cost neither an event nor a duplicate, on the topic or in the counts.
 */
@ExtendWith(FaultStack.Extension.class)
class BrokerLossIT {

  private static final String JOB = "campaign-window-counts";

  @Test
  void aBrokerKilledDuringTheReplayAndAnotherWhileTheJobDrainsLoseAndDuplicateNothing(FaultStack servers)
      throws Exception {
    JobHarness pipeline = servers.pipeline("broker_loss");
    Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
    String bootstrap = servers.endpoints().kafkaBootstrapServers();

    CompletableFuture<Void> replay = CompletableFuture.runAsync(() -> pipeline.sluice("replay", "--topic",
        pipeline.topic, "--pace", "rate", "--rate", "4000", sample.toString()));
    Waits.until("the replay's first records", Duration.ofSeconds(60), null,
        () -> {
          if (replay.isCompletedExceptionally()) {
            replay.join();
          }
          return FaultAudit.recordsOn(servers.endpoints(), pipeline.topic) > 2_000;
        });
    String firstVictim = leaderOfAPartition(bootstrap, pipeline.topic, "none");
    assertThat(replay).as("the replay is still sending when a broker dies").isNotDone();
    try {
      servers.kill(firstVictim);
      replay.get(3, TimeUnit.MINUTES);
    } finally {
      servers.restart();
    }
    Waits.until("every replica back in sync", Duration.ofMinutes(2), null,
        () -> fullyInSync(bootstrap, pipeline.topic));
    assertReplicatedSafely(bootstrap, pipeline.topic);

    Process job = pipeline.startJob(JOB, "--trigger", "available-now", "--max-offsets-per-trigger", "1500");
    Duration recovery;
    try {
      Waits.until("the job's first batch", Duration.ofMinutes(3), job, () -> pipeline.committedBatches(JOB) >= 1);
      long atKill = pipeline.committedBatches(JOB);
      String secondVictim = leaderOfAPartition(bootstrap, pipeline.topic, firstVictim);
      servers.kill(secondVictim);
      long killed = System.nanoTime();
      Waits.until("a batch committed after the kill", Duration.ofMinutes(2), job,
          () -> pipeline.committedBatches(JOB) > atKill + 1);
      recovery = Duration.ofNanos(System.nanoTime() - killed);
      assertThat(job.waitFor(4, TimeUnit.MINUTES)).as("the job drained the topic").isTrue();
      assertThat(job.exitValue()).as("job exit code; log in %s", pipeline.jobLog(JOB)).isZero();
    } finally {
      job.destroyForcibly();
      job.waitFor(30, TimeUnit.SECONDS);
      servers.restart();
    }

    var produced = FaultAudit.producedIds(sample);
    var onTopic = FaultAudit.idsOnTopic(servers.endpoints(), pipeline.topic);
    assertThat(onTopic).as("every produced event once on the topic, no producer duplicate").isEqualTo(produced);
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic + ".dlq")).as("dead letters").isZero();
    List<String> expected = JobHarness.expected("campaign_window_counts.csv");
    List<String> rows = pipeline.rows("campaign_window_counts", "views");
    var outcome = FaultAudit.outcome("broker SIGKILL in replay, another in drain", produced, onTopic, expected, rows,
        recovery);
    System.out.println(outcome.row());
    assertThat(rows).isEqualTo(expected);
  }

  /** The server name of a broker leading a partition of the topic, other than {@code not}: its loss moves a leader. */
  private static String leaderOfAPartition(String bootstrap, String topic, String not) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      return describe(admin, topic).partitions().stream().map(p -> "kafka-" + p.leader().id())
          .filter(name -> !name.equals(not)).findFirst()
          .orElseThrow(() -> new AssertionError("every partition of " + topic + " is led by " + not));
    }
  }

  private static boolean fullyInSync(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      return describe(admin, topic).partitions().stream().allMatch(p -> p.isr().size() == p.replicas().size());
    }
  }

  /** The topic the producer created has what broker loss needs: three replicas and two in sync for a write. */
  private static void assertReplicatedSafely(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      assertThat(describe(admin, topic).partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("min.insync.replicas").value())
          .isEqualTo("2");
    }
  }

  private static TopicDescription describe(Admin admin, String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
  }
}
