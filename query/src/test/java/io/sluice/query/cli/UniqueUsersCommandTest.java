package io.sluice.query.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;
import io.sluice.query.UniqueUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the command refuses before it connects to anything, and the forms it prints. */
class UniqueUsersCommandTest {

  private static final String CAMPAIGN = "ba419d35-0dfe-8af7-aee7-bbe10c45c028";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    CommandGroup root = new CommandGroup("sluice", "Sluice.").add(QueryCommands.group());
    // A contact point nothing listens on: a command that got past its checks would fail to connect.
    return new Cli(root, Map.of("SLUICE_CASSANDRA_CONTACT_POINTS", "127.0.0.1:1"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  @Test
  void aReversedRangeIsRefusedNamingBothEnds() {
    int code = run("query", "unique-users", "--campaign", CAMPAIGN, "--from", "2026-12-02T00:00:00Z",
        "--to", "2026-12-01T00:00:00Z");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from (2026-12-02T00:00:00Z) must be before --to");
  }

  @Test
  void aCampaignIdOfAnotherFormIsRefusedNamingTheSetting() {
    int code = run("query", "unique-users", "--campaign", "Campaign 7", "--from", "0", "--to", "60000");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--campaign").contains("'Campaign 7' is not a campaign id");
  }

  @Test
  void aTimeThatIsNeitherIsoNorEpochMillisIsRefused() {
    int code = run("query", "unique-users", "--campaign", CAMPAIGN, "--from", "yesterday", "--to", "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("from").contains("not an instant");
  }

  @Test
  void helpNamesEveryOptionAndTheSketch() {
    assertThat(run("query", "unique-users", "--help")).isZero();

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--campaign", "--from", "--to", "--format", "lgConfigK 14");
  }

  @Test
  void jsonIsOneObjectWithTheFieldsScriptsRelyOn() {
    UniqueUsers users = new UniqueUsers(CAMPAIGN, Instant.ofEpochMilli(0), Instant.ofEpochMilli(3_600_000), 1234,
        1214, 1254, 60, 2);

    assertThat(UniqueUsersCommand.json(users)).isEqualTo("{\"campaign_id\":\"" + CAMPAIGN + "\","
        + "\"from\":\"1970-01-01T00:00:00Z\",\"to\":\"1970-01-01T01:00:00Z\",\"unique_users\":1234,"
        + "\"lower_bound\":1214,\"upper_bound\":null,\"windows\":60,\"windows_without_sketch\":2,"
        + "\"complete\":false,\"confidence_standard_deviations\":2}");
  }

  @Test
  void textSaysWhenMinutesCouldNotBeMergedAndWhenNothingIsStored() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream printed = new PrintStream(text, true, StandardCharsets.UTF_8);

    UniqueUsersCommand.text(new UniqueUsers(CAMPAIGN, Instant.ofEpochMilli(0), Instant.ofEpochMilli(3_600_000),
        1234, 1214, 1254, 60, 2), printed);
    UniqueUsersCommand.text(new UniqueUsers(CAMPAIGN, Instant.ofEpochMilli(0), Instant.ofEpochMilli(3_600_000),
        0, 0, 0, 0, 0), printed);

    assertThat(text.toString(StandardCharsets.UTF_8)).contains("unique users: at least 1,214 (2 minutes")
        .contains("unique users: 0 (no minute of this campaign is stored in this range)");
  }
}
