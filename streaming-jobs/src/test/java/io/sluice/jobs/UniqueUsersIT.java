package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;
import io.sluice.ingest.campaigns.Campaigns;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.ingest.expected.ExpectedAggregates.MinuteStats;
import io.sluice.ingest.expected.ExpectedAggregates.WindowKey;
import io.sluice.query.UniqueUsers;
import io.sluice.query.UniqueUsersQuery;
import io.sluice.query.cli.QueryCommands;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unique users through the real pipeline: each minute's exact count and its mergeable sketch, and
 * the users of any range counted from the stored sketches, as {@code sluice query unique-users} does.
 */
@ExtendWith(LocalStackExtension.class)
class UniqueUsersIT {

  private static final long MINUTE = 60_000;
  private static final Path CAMPAIGNS = JobHarness.SAMPLES.resolve("campaigns.csv");

  @TempDir
  Path tmp;

  @Test
  void everyMinuteStoresItsExactUsersAndARangeMergesThemInsteadOfAddingThemUp(StackEndpoints stack) throws Exception {
    Path sample = JobHarness.SAMPLES.resolve("events.jsonl");
    JobHarness pipeline = new JobHarness(stack, "users");
    pipeline.seedSampleCampaigns();
    pipeline.replay(sample);

    pipeline.runToEnd("campaign-minute-stats");

    ExpectedAggregates expected = JobHarness.expectedOf(sample);
    try (CqlSession session = pipeline.session()) {
      Map<WindowKey, HllSketch> stored = UsersSketches.assertEachHoldsExactlyItsMinutesUsers(session,
          pipeline.keyspace, expected);
      for (Map.Entry<WindowKey, MinuteStats> minute : expected.minuteStats().entrySet()) {
        assertThat(Math.round(stored.get(minute.getKey()).getEstimate())).as("%s", minute.getKey())
            .isEqualTo(minute.getValue().uniqueUsers());
      }

      UniqueUsersQuery query = new UniqueUsersQuery(session, pipeline.keyspace);
      long first = expected.minuteStats().keySet().stream().mapToLong(WindowKey::windowStartMillis).min().orElseThrow();
      long end = expected.minuteStats().keySet().stream().mapToLong(WindowKey::windowStartMillis).max().orElseThrow()
          + MINUTE;
      int campaignsWithReturningUsers = 0;
      for (String campaign : new TreeSet<>(Campaigns.readCsv(CAMPAIGNS).campaignByAd().values())) {
        UniqueUsers whole = query.between(campaign, Instant.ofEpochMilli(first), Instant.ofEpochMilli(end));
        long exact = expected.usersOf(campaign, first, end).size();
        long sumOfMinutes = expected.minuteStats().entrySet().stream().filter(e -> e.getKey().campaignId().equals(campaign))
            .mapToLong(e -> e.getValue().uniqueUsers()).sum();
        assertThat(whole.estimate()).as("campaign %s over the whole sample", campaign).isEqualTo(exact);
        assertThat(exact).isBetween(whole.lowerBound(), whole.upperBound());
        assertThat(whole.windows()).isEqualTo((int) expected.minuteStats().keySet().stream()
            .filter(k -> k.campaignId().equals(campaign)).count());
        campaignsWithReturningUsers += sumOfMinutes > exact ? 1 : 0;
      }
      assertThat(campaignsWithReturningUsers).as("campaigns whose users come back in other minutes").isPositive();

      String campaign = expected.minuteStats().keySet().iterator().next().campaignId();
      UniqueUsers threeMinutes = query.between(campaign, Instant.ofEpochMilli(first + MINUTE),
          Instant.ofEpochMilli(first + 4 * MINUTE));
      assertThat(threeMinutes.estimate()).isEqualTo(expected.usersOf(campaign, first + MINUTE, first + 4 * MINUTE).size());
      assertThat(threeMinutes.windows()).isEqualTo(3);
      // Ranges need not be minute-aligned: only the minutes wholly inside count.
      UniqueUsers unaligned = query.between(campaign, Instant.ofEpochMilli(first + MINUTE - 1),
          Instant.ofEpochMilli(first + 4 * MINUTE + 59_999));
      assertThat(unaligned.windows()).isEqualTo(3);

      UniqueUsers before = query.between(campaign, Instant.ofEpochMilli(first - 3_600_000), Instant.ofEpochMilli(first));
      assertThat(before).isEqualTo(new UniqueUsers(campaign, Instant.ofEpochMilli(first - 3_600_000),
          Instant.ofEpochMilli(first), 0, 0, 0, 0, 0));

      JsonNode json = new ObjectMapper().readTree(query(stack, "unique-users", "--cassandra-keyspace",
          pipeline.keyspace, "--campaign", campaign.toUpperCase(Locale.ROOT), "--from",
          Instant.ofEpochMilli(first).toString(), "--to", Long.toString(end), "--format", "json"));
      assertThat(json.get("campaign_id").asText()).isEqualTo(campaign);
      assertThat(json.get("from").asText()).isEqualTo(Instant.ofEpochMilli(first).toString());
      assertThat(json.get("to").asText()).isEqualTo(Instant.ofEpochMilli(end).toString());
      assertThat(json.get("unique_users").asLong()).isEqualTo(expected.usersOf(campaign, first, end).size());
      assertThat(json.get("windows").asInt()).isEqualTo(whole(query, campaign, first, end).windows());
      assertThat(json.get("complete").asBoolean()).isTrue();

      // A minute written before sketches were kept (no users_sketch) is reported, not silently merged as 0.
      long older = first - 2 * MINUTE;
      session.execute(SimpleStatement.newInstance("INSERT INTO " + pipeline.keyspace + ".campaign_minute_stats"
          + " (campaign_id, day, window_start, window_end, views, unique_users) VALUES (?, ?, ?, ?, 5, 3)", campaign,
          LocalDate.ofInstant(Instant.ofEpochMilli(older), ZoneOffset.UTC), Instant.ofEpochMilli(older),
          Instant.ofEpochMilli(older + MINUTE)));
      UniqueUsers withOldRow = query.between(campaign, Instant.ofEpochMilli(older), Instant.ofEpochMilli(end));
      assertThat(withOldRow.windowsWithoutSketch()).isEqualTo(1);
      assertThat(withOldRow.complete()).isFalse();
      assertThat(withOldRow.windows()).isEqualTo(whole(query, campaign, first, end).windows());
      assertThat(withOldRow.estimate()).isEqualTo(expected.usersOf(campaign, first, end).size());
    }
  }

  @Test
  void aMinuteOfFiveThousandUsersIsCountedExactlyAndItsSketchIsWithinTwoPercent(StackEndpoints stack)
      throws Exception {
    // 6,000 events of 5,000 users in one minute of one campaign: more users than the sketch keeps exactly.
    String template = Files.readAllLines(JobHarness.SAMPLES.resolve("events.jsonl")).get(0);
    String ad = template.replaceAll(".*\"ad_id\":\"([^\"]+)\".*", "$1");
    long minute = 1_767_312_000_000L;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      lines.add(template.replaceFirst("\"event_id\":\"[^\"]+\"", "\"event_id\":\"big-" + i + "\"")
          .replaceFirst("\"user_id\":\"[^\"]+\"", "\"user_id\":\"big-user-" + (i % 5_000) + "\"")
          .replaceFirst("\"event_time\":\\d+", "\"event_time\":" + (minute + i * 9L)));
    }
    Path file = Files.write(tmp.resolve("five-thousand-users.jsonl"), lines);
    JobHarness pipeline = new JobHarness(stack, "many_users");
    pipeline.seedSampleCampaigns();
    pipeline.replay(file);

    pipeline.runToEnd("campaign-minute-stats", "--max-offsets-per-trigger", "2000");

    String campaign = Campaigns.readCsv(CAMPAIGNS).campaignByAd().get(ad);
    assertThat(pipeline.rows("campaign_minute_stats", "unique_users"))
        .containsExactly(campaign + "," + Instant.ofEpochMilli(minute) + "," + Instant.ofEpochMilli(minute + MINUTE)
            + ",5000");
    try (CqlSession session = pipeline.session()) {
      UniqueUsers users = new UniqueUsersQuery(session, pipeline.keyspace)
          .between(campaign, Instant.ofEpochMilli(minute), Instant.ofEpochMilli(minute + MINUTE));
      assertThat(users.windows()).isEqualTo(1);
      assertThat(Math.abs(users.estimate() - 5_000)).as("estimate %d", users.estimate()).isLessThanOrEqualTo(100);
      assertThat(5_000L).isBetween(users.lowerBound(), users.upperBound());
    }
  }

  private static UniqueUsers whole(UniqueUsersQuery query, String campaign, long from, long to) {
    return query.between(campaign, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
  }

  /** Runs {@code sluice query ...} in this JVM against the stack and returns what it printed. */
  private static String query(StackEndpoints stack, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("query"));
    all.addAll(List.of(args));
    int code = new Cli(new CommandGroup("sluice", "Sluice.").add(QueryCommands.group()), stack.asEnvironment(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(all.toArray(new String[0]));
    assertThat(code).as("sluice %s: %s", String.join(" ", all), err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
