package io.sluice.jobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.expected.AggregateTables;
import io.sluice.ingest.expected.Verdict;
import io.sluice.jobs.JobHarness;
import io.sluice.metrics.progress.BackfillResult;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 'sluice job backfill' against the real Kafka, registry, Cassandra and Spark: a lost range comes
 * back exactly, files give what streaming the topic gives, a second run writes the same values,
 * and a range it cannot recompute is refused with the setting named.
 */
@ExtendWith(LocalStackExtension.class)
class BackfillIT {

  private static final Path SAMPLE = JobHarness.SAMPLES.resolve("events.jsonl");
  /** The sample's events lie in [FIRST_MINUTE, LAST_MINUTE_END); its newest is of 00:06:39.98. */
  private static final Instant FIRST_MINUTE = Instant.parse("2025-12-31T23:59:00Z");
  private static final Instant LAST_MINUTE_END = Instant.parse("2026-01-01T00:07:00Z");
  private static final Instant LOST_FROM = Instant.parse("2026-01-01T00:02:00Z");
  private static final Instant LOST_TO = Instant.parse("2026-01-01T00:05:00Z");
  private static final String[] TABLES = {Tables.CAMPAIGN_WINDOW_COUNTS, Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW,
      Tables.CAMPAIGN_MINUTE_STATS, Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW};

  @Test
  void aLostThreeMinuteRangeIsRecomputedExactlyAndNoRowOutsideItIsWritten(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "backfill_lost");
    pipeline.seedSampleCampaigns();
    pipeline.replay(SAMPLE);
    pipeline.runToEnd("campaign-stats");
    Map<String, List<String>> before = writeTimes(pipeline);
    List<String> checkpointBefore = filesOf(pipeline.checkpoints);
    deleteRange(pipeline, LOST_FROM, LOST_TO);
    assertThat(pipeline.rows(Tables.CAMPAIGN_MINUTE_STATS, Columns.VIEWS)).as("the range's rows are gone")
        .noneMatch(inRange(LOST_FROM, LOST_TO));

    pipeline.backfill("campaign-stats", "--from", LOST_FROM.toString(), "--to", LOST_TO.toString());

    assertTablesAreExactlyTheExpectedOnes(pipeline, row -> true);
    assertThat(filesOf(pipeline.checkpoints)).as("the live job's checkpoint: no file added, changed or removed")
        .isEqualTo(checkpointBefore);
    Map<String, List<String>> after = writeTimes(pipeline);
    for (String table : TABLES) {
      assertThat(outside(after.get(table), LOST_FROM, LOST_TO)).as("%s outside the range: untouched", table)
          .isEqualTo(outside(before.get(table), LOST_FROM, LOST_TO));
      assertThat(after.get(table)).as("%s: the range's rows are back", table)
          .filteredOn(inRange(LOST_FROM, LOST_TO)).isNotEmpty();
    }
  }

  @Test
  void aBackfillOfTheSampleFileIntoAnEmptyKeyspaceGivesWhatStreamingTheTopicGives(StackEndpoints stack)
      throws Exception {
    JobHarness pipeline = new JobHarness(stack, "backfill_files");
    pipeline.seedSampleCampaigns();

    pipeline.backfill("campaign-stats", "--from", FIRST_MINUTE.toString(), "--to", LAST_MINUTE_END.toString(),
        "--files", SAMPLE.toString());

    assertTablesAreExactlyTheExpectedOnes(pipeline, row -> true);
  }

  /**
   * From the topic, with no live job: a dry run writes nothing; a range holding a record that
   * cannot be decoded writes nothing and fails, unless that is allowed; a backfill writes the
   * windows the topic has closed; a second identical one writes every row again, with the same values.
   */
  @Test
  void aSecondIdenticalBackfillWritesTheSameValuesAndADryRunOrAnUndecodableRecordWritesNothing(StackEndpoints stack)
      throws Exception {
    JobHarness pipeline = new JobHarness(stack, "backfill_twice");
    pipeline.seedSampleCampaigns();
    // A record that is not an event, of 00:03, ahead of the sample in its partition: inside what the range reads.
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.kafkaBootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(pipeline.topic, null, Instant.parse("2026-01-01T00:03:00Z").toEpochMilli(),
          "k".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 1})).get();
    }
    pipeline.replay(SAMPLE);
    // The newest event is of 00:06:39.98: with 1 minute of lateness, windows ending by 00:05:39.98 are closed.
    Instant to = Instant.parse("2026-01-01T00:05:30Z");
    String[] range = {"--from", FIRST_MINUTE.toString(), "--to", to.toString(), "--allow-undecodable"};

    pipeline.backfill("campaign-stats", concat(range, "--dry-run"));
    for (String table : TABLES) {
      assertThat(pipeline.rows(table, Columns.VIEWS)).as("%s after a dry run", table).isEmpty();
    }
    BackfillResult dryRun = pipeline.backfillResults("campaign-stats").get(0);
    assertThat(dryRun.undecodable()).as("the dry run's result in its progress file").isEqualTo(1);
    assertThat(dryRun.decoded()).isEqualTo(dryRun.recordsRead() - 1).isPositive();
    assertThat(dryRun.rowsWritten()).isZero();
    String[] withoutAllowing = Arrays.copyOf(range, range.length - 1);
    assertThat(pipeline.tryBackfill("campaign-stats", withoutAllowing)).as("exit code with an undecodable record")
        .isEqualTo(1);
    assertThat(Files.readString(pipeline.backfillLog("campaign-stats")))
        .containsPattern(" 1 of [\\d,]+ records could not be decoded \\(see the log\\); nothing was written");
    for (String table : TABLES) {
      assertThat(pipeline.rows(table, Columns.VIEWS)).as("%s after a refused backfill", table).isEmpty();
    }

    pipeline.backfill("campaign-stats", range);
    Predicate<String> closedBy = row -> !Instant.parse(row.split(",")[2]).isAfter(to);
    assertTablesAreExactlyTheExpectedOnes(pipeline, closedBy);
    List<BackfillResult> results = pipeline.backfillResults("campaign-stats");
    assertThat(results.get(results.size() - 1).rowsWritten()).as("rows the backfill reports writing")
        .isEqualTo(Arrays.stream(TABLES).mapToLong(table -> pipeline.rows(table, Columns.VIEWS).size()).sum());
    Map<String, List<String>> first = writeTimes(pipeline);

    pipeline.backfill("campaign-stats", range);

    Map<String, List<String>> second = writeTimes(pipeline);
    assertTablesAreExactlyTheExpectedOnes(pipeline, closedBy);
    for (String table : TABLES) {
      assertThat(second.get(table)).as("%s: every row written again", table).hasSameSizeAs(first.get(table))
          .doesNotContainAnyElementsOf(first.get(table));
    }
  }

  @Test
  void aRangeThatCannotBeRecomputedIsRefusedNamingTheSetting(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "backfill_refused");
    pipeline.replay(SAMPLE);

    assertRefused(pipeline, "--from", "2026-01-01T00:03:00Z", "--to", "2026-01-01T00:01:00Z")
        .contains("--from (2026-01-01T00:03:00Z) must be before --to (2026-01-01T00:01:00Z)");
    assertRefused(pipeline, "--from", "2026-01-01T00:01:00Z", "--to", Instant.now().plusSeconds(3600).toString())
        .contains("is in the future");
    assertRefused(pipeline, "--from", "2026-01-01T00:01:00Z", "--to", "2026-01-01T00:06:00Z")
        .contains("--to (2026-01-01T00:06:00Z) reaches windows that are still open", "2026-01-01T00:05:39.980Z");
    assertRefused(pipeline, "--from", "2026-01-01T00:01:00Z", "--to", "2026-01-01T00:02:00Z", "--topic", "no-such")
        .contains("topic no-such does not exist (--topic)");
    assertRefused(pipeline, "--from", "2026-01-01T00:01:00Z", "--to", "2026-01-01T00:02:00Z", "--files")
        .contains("--files reads the PATH arguments");

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      Map<TopicPartition, RecordsToDelete> firstThousand = admin.describeTopics(List.of(pipeline.topic))
          .allTopicNames().get().get(pipeline.topic).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(pipeline.topic, p.partition()),
              p -> RecordsToDelete.beforeOffset(1_000)));
      admin.deleteRecords(firstThousand).all().get();
    }
    assertRefused(pipeline, "--from", "2026-01-01T00:00:00Z", "--to", "2026-01-01T00:02:00Z")
        .contains("--from 2026-01-01T00:00:00Z is beyond what topic " + pipeline.topic + " still holds",
            "starts at offset 1000", "the records before it were deleted (retention.ms=-1)");
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(JobHarness pipeline, String... settings) {
    List<String> args = new ArrayList<>(List.of("backfill", "campaign-stats", "--topic", pipeline.topic,
        "--cassandra-keyspace", pipeline.keyspace));
    args.addAll(List.of(settings));
    JobHarness.Outcome outcome = pipeline.jobCommand(args.toArray(new String[0]));
    assertThat(outcome.code()).as("exit code of %s: %s", args, outcome.err()).isEqualTo(2);
    return assertThat(outcome.err());
  }

  /** Every table holds exactly the sample's expected rows that {@code kept} keeps (by their CSV line). */
  private static void assertTablesAreExactlyTheExpectedOnes(JobHarness pipeline, Predicate<String> kept)
      throws Exception {
    List<String> windowCounts = JobHarness.expected("campaign_window_counts.csv").stream().filter(kept).toList();
    assertThat(pipeline.rows(Tables.CAMPAIGN_WINDOW_COUNTS, Columns.VIEWS)).isEqualTo(windowCounts);
    assertThat(pipeline.rows(Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW, Columns.VIEWS)).isEqualTo(windowCounts);
    List<String> minuteStats = JobHarness.expected("campaign_minute_stats.csv").stream().filter(kept).toList();
    Verdict verdict = new Verdict();
    for (String table : List.of(Tables.CAMPAIGN_MINUTE_STATS, Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW)) {
      verdict.minuteStats(table, pipeline.rows(table, AggregateTables.MINUTE_STATS_COLUMNS), minuteStats);
    }
    assertThat(verdict.problems()).isEmpty();
  }

  /** Each table's rows with when they were written: campaign, window start, end, updated_at. */
  private static Map<String, List<String>> writeTimes(JobHarness pipeline) {
    return List.of(TABLES).stream().collect(Collectors.toMap(t -> t, t -> pipeline.rows(t, Columns.UPDATED_AT)));
  }

  private static List<String> outside(List<String> rows, Instant from, Instant to) {
    return rows.stream().filter(inRange(from, to).negate()).toList();
  }

  /** A CSV row (campaign, window start, window end, ...) of a window wholly inside [from, to). */
  private static Predicate<String> inRange(Instant from, Instant to) {
    return row -> {
      String[] fields = row.split(",");
      return !Instant.parse(fields[1]).isBefore(from) && !Instant.parse(fields[2]).isAfter(to);
    };
  }

  /** Deletes every row of the windows inside [from, to) from the four tables. */
  private static void deleteRange(JobHarness pipeline, Instant from, Instant to) throws Exception {
    List<String> campaigns = Campaigns.readCsv(JobHarness.SAMPLES.resolve("campaigns.csv")).campaignByAd().values()
        .stream().distinct().toList();
    LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
    try (CqlSession session = pipeline.session()) {
      for (String table : List.of(Tables.CAMPAIGN_WINDOW_COUNTS, Tables.CAMPAIGN_MINUTE_STATS)) {
        PreparedStatement delete = session.prepare("DELETE FROM " + pipeline.keyspace + "." + table
            + " WHERE campaign_id = ? AND day = ? AND window_start >= ? AND window_start < ?");
        for (String campaign : campaigns) {
          session.execute(delete.bind(campaign, day, from, to));
        }
      }
      for (String table : List.of(Tables.CAMPAIGN_WINDOW_COUNTS_BY_WINDOW, Tables.CAMPAIGN_MINUTE_STATS_BY_WINDOW)) {
        PreparedStatement delete = session.prepare("DELETE FROM " + pipeline.keyspace + "." + table
            + " WHERE window_start = ?");
        for (Instant start = from; start.isBefore(to); start = start.plusSeconds(10)) {
          session.execute(delete.bind(start));
        }
      }
    }
  }

  /** Every file under {@code dir} with its size and modification time. */
  private static List<String> filesOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(f -> {
        try {
          return dir.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sorted().toList();
    }
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }
}
