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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** One query fills the tables of both jobs, and every row is the one the jobs run apart would write. */
  @Test
  void campaignStatsFillsBothJobsTablesExactlyFromOneRead(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "stats");
    pipeline.seedSampleCampaigns();
    pipeline.replay(everyOtherLineAsVersion2(JobHarness.SAMPLES.resolve("events.jsonl")));

    pipeline.runToEnd("campaign-stats", "--max-offsets-per-trigger", "7000");

    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
    assertThat(pipeline.rows("campaign_window_counts_by_window", "views"))
        .isEqualTo(JobHarness.expected("campaign_window_counts.csv"));
    Verdict verdict = new Verdict()
        .minuteStats("campaign_minute_stats", pipeline.rows("campaign_minute_stats",
            AggregateTables.MINUTE_STATS_COLUMNS), JobHarness.expected("campaign_minute_stats.csv"))
        .minuteStats("campaign_minute_stats_by_window", pipeline.rows("campaign_minute_stats_by_window",
            AggregateTables.MINUTE_STATS_COLUMNS), JobHarness.expected("campaign_minute_stats.csv"));
    assertThat(verdict.problems()).isEmpty();
  }

  /**
   * The late-data rule: once the job has seen the sample, an event minutes behind its watermark
   * (allowed lateness 1 minute) is dropped and counted as late, while one inside the lateness still
   * counts, exactly once even when delivered twice.
   */
  @Test
  void eventsBehindTheWatermarkAreDroppedAndCountedAndOnTimeOnesStillCount(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "late");
    pipeline.seedSampleCampaigns();
    Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
    pipeline.replay(sample);
    // Several batches, so that the watermark of the last one already trails the sample's newest events.
    pipeline.runToEnd("campaign-window-counts", "--max-offsets-per-trigger", "5000");

    List<String> lines = Files.readAllLines(sample);
    long newest = lines.stream().mapToLong(SampleReplayIT::eventTime).max().orElseThrow();
    List<String> late = new ArrayList<>();
    for (String line : lines.subList(0, 300)) {
      late.add(withNewId(line, "late", eventTime(line)));
    }
    List<String> onTime = new ArrayList<>();
    for (String line : lines.subList(lines.size() - 300, lines.size())) {
      onTime.add(withNewId(line, "on-time", newest - 5_000));
    }
    onTime.addAll(new ArrayList<>(onTime.subList(0, 50)));
    Path lateFile = Files.write(tmp.resolve("late.jsonl"), late);
    Path onTimeFile = Files.write(tmp.resolve("on-time.jsonl"), onTime);
    pipeline.replay(lateFile);
    pipeline.replay(onTimeFile);
    pipeline.runToEnd("campaign-window-counts");

    Path expected = tmp.resolve("expected");
    pipeline.sluice("expected", "--campaigns", JobHarness.SAMPLES.resolve("campaigns.csv").toString(),
        "--output-dir", expected.toString(), sample.toString(), onTimeFile.toString());
    assertThat(pipeline.rows("campaign_window_counts", "views"))
        .isEqualTo(AggregateTables.expected(expected.resolve("campaign_window_counts.csv")));
    long lateViews = late.stream().filter(l -> l.contains("\"event_type\":\"view\"")).count();
    assertThat(lateViews).isPositive();
    assertThat(pipeline.lateEventsReported("campaign-window-counts")).isEqualTo(lateViews);
  }

  private static long eventTime(String jsonLine) {
    Matcher m = EVENT_TIME.matcher(jsonLine);
    if (!m.find()) {
      throw new IllegalArgumentException("no event_time in " + jsonLine);
    }
    return Long.parseLong(m.group(1));
  }

  /** The same event under a new id (so not a duplicate of the original), at {@code time}. */
  private static String withNewId(String jsonLine, String tag, long time) {
    return EVENT_TIME.matcher(EVENT_ID.matcher(jsonLine).replaceFirst("\"event_id\":\"" + tag + "-$1\""))
        .replaceFirst("\"event_time\":" + time);
  }

  private static final Pattern EVENT_TIME = Pattern.compile("\"event_time\":(\\d+)");
  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

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
