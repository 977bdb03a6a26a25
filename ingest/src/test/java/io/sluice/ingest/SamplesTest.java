package io.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.cli.Cli;
import io.sluice.ingest.cli.IngestCommands;
import io.sluice.serde.Events;
import io.sluice.serde.file.EventFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed sample in {@code samples/} is what the documented commands make: the events are
 * regenerated from their seed, and the expected aggregates recomputed from the events.
 */
class SamplesTest {

  static final Path SAMPLES = Path.of(System.getProperty("sluice.home", "..")).resolve("samples");

  @TempDir
  Path tmp;

  private static int sluice(String... args) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new Cli(IngestCommands.group(), Map.of(), quiet, quiet).run(args);
  }

  @Test
  void theEventsAreWhatTheDocumentedGenerateCommandMakes() throws Exception {
    assertThat(sluice("generate", "--seed", "42", "--start-time", "2026-01-01T00:00:00Z", "--rate", "50",
        "--count", "20000", "--out-of-order-share", "0.02", "--max-delay", "5s", "--duplicate-share", "0.01",
        "--output", tmp.resolve("events.jsonl").toString(),
        "--write-campaigns", tmp.resolve("campaigns.csv").toString())).isZero();

    assertThat(Files.mismatch(tmp.resolve("events.jsonl"), SAMPLES.resolve("events.jsonl"))).isEqualTo(-1);
    assertThat(Files.mismatch(tmp.resolve("campaigns.csv"), SAMPLES.resolve("campaigns.csv"))).isEqualTo(-1);
  }

  @Test
  void theExpectedAggregatesAreRecomputedFromTheEvents() throws Exception {
    assertThat(sluice("expected", "--campaigns", SAMPLES.resolve("campaigns.csv").toString(),
        "--output-dir", tmp.toString(), SAMPLES.resolve("events.jsonl").toString())).isZero();

    for (String file : new String[] {"campaign_window_counts.csv", "campaign_minute_stats.csv"}) {
      assertThat(Files.readAllLines(tmp.resolve(file)))
          .as(file).isEqualTo(Files.readAllLines(SAMPLES.resolve("expected").resolve(file)));
    }
  }

  @Test
  void theSampleHasDuplicatesAndOutOfOrderEventsWithinTheDefaultLateness() throws Exception {
    Set<String> ids = new HashSet<>();
    long duplicates = 0;
    long outOfOrder = 0;
    long maxTime = Long.MIN_VALUE;
    long maxLag = 0;
    try (EventFile file = new EventFile(SAMPLES.resolve("events.jsonl"))) {
      while (file.hasNext()) {
        EventFile.Entry e = file.next();
        assertThat(e.isValid()).as(e.location()).isTrue();
        if (!ids.add(Events.eventId(e.event()))) {
          duplicates++;
          continue;
        }
        long time = Events.eventTimeMillis(e.event());
        if (time < maxTime) {
          outOfOrder++;
          maxLag = Math.max(maxLag, maxTime - time);
        }
        maxTime = Math.max(maxTime, time);
      }
    }
    assertThat(ids).hasSize(20_000);
    assertThat(duplicates).isBetween(100L, 300L);
    assertThat(outOfOrder).isBetween(200L, 600L);
    assertThat(maxLag).as("no event is later than the jobs' default allowed lateness of 1 minute")
        .isLessThan(60_000L);
  }
}
