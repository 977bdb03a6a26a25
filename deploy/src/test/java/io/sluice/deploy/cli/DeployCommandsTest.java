package io.sluice.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.config.cli.Cli;
import io.sluice.deploy.marathon.RepositoryRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice marathon render|validate} as a user runs them. */
class DeployCommandsTest {

  private static final Path MARATHON = RepositoryRoot.PATH.resolve("marathon");

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int sluice(String... args) {
    return new Cli(DeployCommands.group(), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  @Test
  void renderWritesTheProfilesGroupAndValidateAcceptsIt() throws Exception {
    Path file = tmp.resolve("prod.json");

    assertThat(sluice("marathon", "render", "--profile", "prod", "--output", file.toString(), "--marathon-dir",
        MARATHON.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(new ObjectMapper().readTree(file.toFile()).get("id").asText()).isEqualTo("/sluice");
    assertThat(sluice("marathon", "validate", file.toString(), "--marathon-dir", MARATHON.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(file + ": valid");
  }

  @Test
  void aMissingProfileIsAUsageErrorNamingTheSetting() {
    assertThat(sluice("marathon", "render", "--marathon-dir", MARATHON.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("profile").doesNotContain("NullPointerException");
  }

  @Test
  void validateReportsEachProblemOfAMistypedGroupAndFails() throws Exception {
    Path file = tmp.resolve("typo.json");
    Files.writeString(file, "{\"id\": \"/sluice\", \"apps\": [{\"id\": \"/sluice/a\", \"instance\": 2}]}");

    assertThat(sluice("marathon", "validate", file.toString(), "--marathon-dir", MARATHON.toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("$.apps[0].instance: unknown field");
  }
}
