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
    JobHarness pipeline = servers.pipeline("registry_outage");
    List<String> sample = Files.readAllLines(JobHarness.SAMPLES.resolve("events.jsonl"));
    Path v1 = Files.write(tmp.resolve("v1.jsonl"), firstHalf(sample));
    Path v2 = Files.write(tmp.resolve("v2.jsonl"), asVersion2(secondHalf(sample)));
    pipeline.replay(v1);

    // A long trigger, so that the producer registers version 2 and the registry is killed between two batches.
    Process job = pipeline.startJob(JOB, "--trigger", "8s", "--restart-attempts", "20", "--restart-backoff", "1s",
        "--restart-backoff-max", "4s");
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
      int logBeforeKill = Files.readString(pipeline.jobLog(JOB)).length();
      servers.kill("registry");
      long killed = System.nanoTime();
      replayV2.get(2, TimeUnit.MINUTES);
      // The job has now read records of the new id with no registry to ask.
      Waits.until("a batch attempted after the kill", Duration.ofMinutes(1), job,
          () -> Files.readString(pipeline.jobLog(JOB)).substring(logBeforeKill).contains("Schema registry call GET"));
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

    assertThat(pipeline.batchIdsReported(JOB)).as("each batch reported once, also after the restarts")
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
   * memory, and an empty registry) decodes those records instead of sending them to the dead letters.
   */
  @Test
  void idsThatResolvedBeforeStillDecodeAfterTheRegistryLostItsStorage(FaultStack servers) throws Exception {
    JobHarness pipeline = servers.pipeline("registry_lost");
    List<String> sample = Files.readAllLines(JobHarness.SAMPLES.resolve("events.jsonl"));
    Path first = Files.write(tmp.resolve("first.jsonl"), firstHalf(sample));
    Path second = Files.write(tmp.resolve("second.jsonl"), secondHalf(sample));
    pipeline.replay(first);
    pipeline.runToEnd(JOB);
    pipeline.replay(second);

    servers.loseData("registry");
    servers.restart();
    String registry = servers.endpoints().schemaRegistryUrl();
    assertThat(get(registry + "/subjects")).as("the registry came back empty").isEqualTo("[]");
    pipeline.runToEnd(JOB);

    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic + ".dlq")).as("dead letters").isZero();
    // The registry cannot decode these records any more: the independent read counts them.
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic)).isEqualTo(sample.size());
    assertThat(pipeline.rows("campaign_window_counts", "views")).isEqualTo(expected());
  }

  /** A registry that stays down stops the job after its restarts, with the registry named; nothing is dead-lettered. */
  @Test
  void aRegistryThatStaysDownStopsTheJobLoudlyAfterItsRestarts(FaultStack servers) throws Exception {
    JobHarness pipeline = servers.pipeline("registry_down");
    pipeline.replay(JobHarness.SAMPLES.resolve("events.jsonl"));
    servers.kill("registry");
    try {
      Process job = pipeline.startJob(JOB, "--trigger", "available-now", "--restart-attempts", "2",
          "--restart-backoff", "1s");
      assertThat(job.waitFor(4, TimeUnit.MINUTES)).as("the job gave up").isTrue();
      assertThat(job.exitValue()).as("exit code").isNotZero();
    } finally {
      servers.restart();
    }
    String log = Files.readString(pipeline.jobLog(JOB));
    assertThat(log).contains("restart 1 of 2").contains("restart 2 of 2").contains("giving up")
        .contains("Schema registry at " + servers.endpoints().schemaRegistryUrl() + " is unavailable");
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic + ".dlq")).as("dead letters").isZero();
    assertThat(pipeline.committedBatches(JOB)).isZero();
  }

  /**
   * A producer that cannot register its schema fails naming the registry and sends nothing; run
   * again once the registry is back, it puts every event on the topic once.
   */
  @Test
  void aProducerThatCannotRegisterItsSchemaFailsLoudlyAndSendsNothing(FaultStack servers) throws Exception {
    JobHarness pipeline = servers.pipeline("registry_producer");
    Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
    servers.kill("registry");
    JobHarness.Outcome failed;
    try {
      failed = pipeline.tryToRun("replay", "--topic", pipeline.topic, sample.toString());
    } finally {
      servers.restart();
    }
    assertThat(failed.code()).isNotZero();
    assertThat(failed.err()).contains("Schema registry at " + servers.endpoints().schemaRegistryUrl()
        + " is unavailable");
    assertThat(FaultAudit.recordsOn(servers.endpoints(), pipeline.topic)).as("records sent").isZero();

    pipeline.replay(sample);
    assertThat(FaultAudit.idsOnTopic(servers.endpoints(), pipeline.topic)).isEqualTo(FaultAudit.producedIds(sample));
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

  private static List<String> firstHalf(List<String> lines) {
    return lines.subList(0, lines.size() / 2);
  }

  private static List<String> secondHalf(List<String> lines) {
    return lines.subList(lines.size() / 2, lines.size());
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
