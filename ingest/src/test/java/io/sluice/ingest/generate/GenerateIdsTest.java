package io.sluice.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.cli.Cli;
import io.sluice.ingest.cli.IngestCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two producers started alike (as Marathon starts its instances) draw different event ids, which
 * the jobs would otherwise drop as duplicates; a seed still makes a run reproducible.
 */
class GenerateIdsTest {

  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

  @TempDir
  Path tmp;

  @Test
  void runsWithoutASeedNeverShareEventIdsButDrawTheSameCampaigns() throws Exception {
    Set<String> first = ids(generate("a"));
    Set<String> second = ids(generate("b"));

    assertThat(first).hasSize(2_000);
    assertThat(second).hasSize(2_000).doesNotContainAnyElementsOf(first);
    assertThat(Files.readAllLines(tmp.resolve("a.csv"))).isEqualTo(Files.readAllLines(tmp.resolve("b.csv")));
  }

  @Test
  void theSameSeedGivesTheSameEvents() throws Exception {
    assertThat(Files.mismatch(generate("c", "--seed", "7"), generate("d", "--seed", "7"))).isEqualTo(-1);
  }

  private Path generate(String name, String... extra) {
    Path out = tmp.resolve(name + ".jsonl");
    String[] base = {"generate", "--start-time", "2026-01-01T00:00:00Z", "--rate", "1000", "--count", "2000",
        "--duplicate-share", "0", "--output", out.toString(), "--write-campaigns", tmp.resolve(name + ".csv").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(new Cli(IngestCommands.group(), Map.of(), quiet, quiet).run(args)).isZero();
    return out;
  }

  private static Set<String> ids(Path events) throws IOException {
    Set<String> ids = new HashSet<>();
    for (String line : Files.readAllLines(events)) {
      Matcher m = EVENT_ID.matcher(line);
      assertThat(m.find()).isTrue();
      ids.add(m.group(1));
    }
    return ids;
  }
}
