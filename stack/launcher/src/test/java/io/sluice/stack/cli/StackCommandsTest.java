package io.sluice.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.cli.Cli;
import io.sluice.config.cli.CommandGroup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack commands' answers to bad input and to a stack that is not running; no server is started. */
class StackCommandsTest {

  @TempDir
  Path stateDir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return new Cli(new CommandGroup("sluice", "Sluice.").add(StackCommands.group()), env,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(args);
  }

  @Test
  void aBadPortNamesTheSettingAndStartsNothing() {
    assertThat(run(Map.of(), "stack", "up", "--state-dir", stateDir.toString(), "--kafka-port", "70000")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Invalid value '70000' for kafka.port (flag --kafka-port): must be between 0 and 65535");
    assertThat(stateDir).isEmptyDirectory();
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheVariable() {
    assertThat(run(Map.of("SLUICE_KAFKA_BROKERS", "9"), "stack", "up", "--state-dir", stateDir.toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("kafka.brokers (environment SLUICE_KAFKA_BROKERS): must be between 1 and 5");
  }

  @Test
  void envOnAStackThatIsNotRunningSaysHowToStartIt() {
    assertThat(run(Map.of(), "stack", "env", "--state-dir", stateDir.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not running").contains("sluice stack up");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void statusOfNoStackExitsNonZero() {
    assertThat(run(Map.of(), "stack", "status", "--state-dir", stateDir.toString())).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("No local stack");
  }

  @Test
  void downOfNoStackIsHarmless() {
    assertThat(run(Map.of(), "stack", "down", "--state-dir", stateDir.toString())).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing to stop");
  }

  @Test
  void downCleanRefusesToDeleteAFolderThatIsNotAStateFolder() throws Exception {
    java.nio.file.Files.writeString(stateDir.resolve("precious.txt"), "keep me");
    assertThat(run(Map.of(), "stack", "down", "--clean", "--state-dir", stateDir.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Refusing to delete");
    assertThat(stateDir.resolve("precious.txt")).exists();
  }
}
