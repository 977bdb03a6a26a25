package io.sluice.jobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.JobHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that is down is not an unknown schema. The job meets a schema id it has never
 * seen (the producer switched to version 2 and cached its new id) while the registry is killed: no
 * valid record goes to the dead letters, the job waits and retries, and once the registry is back
 * every row is exact.
 */
@ExtendWith(FaultStack.Extension.class)
class RegistryOutageIT {

  private static final String JOB = "campaign-window-counts";

  @TempDir
  Path tmp;

  @Test
  void newSchemaIdsMetWhileTheRegistryIsDownAreWaitedForNotDeadLettered(FaultStack servers) throws Exception {
    JobHarness pipeline = new JobHarness(servers.endpoints(), "registry_outage");
    pipeline.seedSampleCampaigns("--cassandra-replication-factor", "2");
    List<String> sample = Files.readAllLines(JobHarness.SAMPLES.resolve("events.jsonl"));
    Path v1 = Files.write(tmp.resolve("v1.jsonl"), sample.subList(0, sample.size() / 2));
    Path v2 = Files.write(tmp.resolve("v2.jsonl"), asVersion2(sample.subList(sample.size() / 2, sample.size())));
    pipeline.replay(v1);

    // A long trigger, so that the producer registers version 2 and the registry is killed between two batches.
    Process job = pipeline.startJob(JOB, "--trigger", "8s", "--cassandra-replication-factor", "2",
        "--restart-attempts", "20", "--restart-backoff", "1s", "--restart-backoff-max", "4s");
    Duration recovery;
    try {
      Waits.until("the job's first batch", Duration.ofMinutes(3), job, () -> pipeline.committedBatches(JOB) >= 1);
      long before = pipeline.committedBatches(JOB);
      Waits.until("the next batch", Duration.ofMinutes(1), job, () -> pipeline.committedBatches(JOB) > before);

      CompletableFuture<Void> replayV2 = CompletableFuture.runAsync(() -> pipeline.sluice("replay", "--topic",
          pipeline.topic, "--pace", "rate", "--rate", "2500", v2.toString()));
      String versions = servers.endpoints().schemaRegistryUrl() + "/subjects/" + pipeline.topic + "-value/versions";
      Waits.until("version 2 registered", Duration.ofSeconds(30), job, () -> get(versions).equals("[1,2]"));
      long atKill = pipeline.committedBatches(JOB);
      servers.kill("registry");
      long killed = System.nanoTime();
      replayV2.get(2, TimeUnit.MINUTES);
      // The job has now read records of the new id with no registry to ask.
      Waits.until("a batch attempted after the kill", Duration.ofMinutes(1), job,
          () -> Files.readString(pipeline.jobLog(JOB)).contains("Schema registry call GET"));
      assertThat(pipeline.committedBatches(JOB)).as("no batch past the new id commits while the registry is down")
          .isLessThanOrEqualTo(atKill + 1);
      Thread.sleep(5_000);

      servers.restart();
      Waits.until("exact rows after the registry is back", Duration.ofMinutes(3), job,
          () -> pipeline.rows("campaign_window_counts", "views").equals(expected()));
      recovery = Duration.ofNanos(System.nanoTime() - killed);
    } finally {
      job.destroyForcibly();
      job.waitFor(30, TimeUnit.SECONDS);
      if (!servers.isUp("registry")) {
        servers.restart();
      }
    }

    assertThat(pipeline.batchIdsLogged(JOB)).as("each batch reported once, also after the restarts")
        .doesNotHaveDuplicates();
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic + ".dlq")).as("dead letters").isZero();
    var produced = FaultAudit.producedIds(v1, v2);
    var onTopic = FaultAudit.idsOnTopic(servers.endpoints(), pipeline.topic);
    assertThat(onTopic).isEqualTo(produced);
    var outcome = FaultAudit.outcome("registry SIGKILL, new schema id met while down", produced, onTopic, expected(),
        pipeline.rows("campaign_window_counts", "views"), recovery);
    System.out.println(outcome.row());
    assertThat(outcome.lost() + outcome.doubled()).isZero();
  }

  /**
   * A registry that lost its storage answers 404 for ids that records on the topic still carry.
   * The job kept each schema it resolved in its checkpoint: a restarted job (with no schema in
   * memory) decodes those records instead of sending them to the dead letters.
   */
  @Test
  void idsThatResolvedBeforeStillDecodeAfterTheRegistryLostItsStorage(FaultStack servers) throws Exception {
    JobHarness pipeline = new JobHarness(servers.endpoints(), "registry_lost");
    pipeline.seedSampleCampaigns("--cassandra-replication-factor", "2");
    List<String> sample = Files.readAllLines(JobHarness.SAMPLES.resolve("events.jsonl"));
    Path first = Files.write(tmp.resolve("first.jsonl"), sample.subList(0, sample.size() / 2));
    Path second = Files.write(tmp.resolve("second.jsonl"), sample.subList(sample.size() / 2, sample.size()));
    pipeline.replay(first);
    pipeline.runToEnd(JOB, "--cassandra-replication-factor", "2");
    pipeline.replay(second);

    servers.loseData("registry");
    servers.restart();
    String registry = servers.endpoints().schemaRegistryUrl();
    assertThat(get(registry + "/subjects")).as("the registry came back empty").isEqualTo("[]");
    pipeline.runToEnd(JOB, "--cassandra-replication-factor", "2");

    assertThat(Files.readString(pipeline.jobLog(JOB))).contains("no longer knows schema id");
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic + ".dlq")).as("dead letters").isZero();
    assertThat(pipeline.rows("campaign_window_counts", "views")).isEqualTo(expected());
  }

  private static List<String> expected() throws Exception {
    return JobHarness.expected("campaign_window_counts.csv");
  }

  private static String get(String url) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (Exception e) {
      return "";
    }
  }

  /** The lines with a country added, which makes the producer write them as schema version 2. */
  private static List<String> asVersion2(List<String> lines) {
    List<String> v2 = new ArrayList<>();
    for (String line : lines) {
      v2.add(line.substring(0, line.length() - 1) + ",\"country\":\"NL\"}");
    }
    return v2;
  }
}
