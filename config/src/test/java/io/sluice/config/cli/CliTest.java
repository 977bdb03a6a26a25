package io.sluice.config.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {

  static final Setting<Integer> RATE = Setting.builder("rate", ValueType.INT).defaultValue(1000)
      .validator(Validator.between(1, 1_000_000)).doc("Events per second.").build();
  static final Setting<Boolean> DRY_RUN = Setting.builder("dry-run", ValueType.BOOLEAN).defaultValue(false)
      .doc("Only print.").build();

  /** Records what it was run with. */
  static final class Generate implements Command {
    final List<Invocation> runs = new ArrayList<>();

    @Override public String name() { return "generate"; }
    @Override public String summary() { return "Generate events."; }
    @Override public ConfigDef settings() { return ConfigDef.of(RATE, DRY_RUN); }
    @Override public String arguments() { return "[FILE...]"; }

    @Override
    public int run(Invocation invocation) {
      runs.add(invocation);
      if (invocation.arguments().contains("fail")) {
        throw new CommandFailedException("could not reach the broker");
      }
      return 0;
    }
  }

  private final Generate generate = new Generate();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    CommandGroup root = new CommandGroup("sluice", "Sluice.").add(generate);
    return new Cli(root, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void parsesFlagsInBothFormsBooleansAndArguments() {
    assertThat(run(Map.of(), "generate", "--rate", "50", "--dry-run", "a.jsonl", "--", "--b")).isZero();
    Invocation inv = generate.runs.get(0);
    assertThat(inv.config().get(RATE)).isEqualTo(50);
    assertThat(inv.config().get(DRY_RUN)).isTrue();
    assertThat(inv.arguments()).containsExactly("a.jsonl", "--b");
    assertThat(inv.commandPath()).isEqualTo("sluice generate");

    assertThat(run(Map.of("SLUICE_RATE", "7"), "generate", "--dry-run=false", "--dry-run", "false")).isZero();
    assertThat(generate.runs.get(1).config().get(RATE)).isEqualTo(7);
    assertThat(generate.runs.get(1).config().get(DRY_RUN)).isFalse();
  }

  @Test
  void anUnknownOptionSuggestsTheClosestOneAndExitsWithTwo() {
    assertThat(run(Map.of(), "generate", "--rat", "5")).isEqualTo(2);
    assertThat(err()).contains("sluice generate: unknown option --rat. Did you mean --rate?")
        .contains("See 'sluice generate --help'.");
    assertThat(generate.runs).isEmpty();
  }

  @Test
  void aBadValueNamesTheSettingAndExitsWithTwo() {
    assertThat(run(Map.of(), "generate", "--rate", "0")).isEqualTo(2);
    assertThat(err()).contains("Invalid value '0' for rate (flag --rate): must be between 1 and 1000000");
  }

  @Test
  void aMissingValueIsAUsageError() {
    assertThat(run(Map.of(), "generate", "--rate")).isEqualTo(2);
    assertThat(err()).contains("option --rate needs a value");
  }

  @Test
  void anUnknownCommandListsTheKnownOnes() {
    assertThat(run(Map.of(), "generat")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'generat'. Commands: generate");
  }

  @Test
  void helpListsEveryOptionWithDefaultAndEnvironmentName() {
    assertThat(run(Map.of(), "generate", "--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help).contains("Usage: sluice generate [options] [FILE...]")
        .contains("--rate <int>").contains("Default: 1000").contains("SLUICE_RATE").contains("Key: rate")
        .contains("--dry-run").contains("--config <file>");
    assertThat(generate.runs).isEmpty();
  }

  @Test
  void groupHelpListsCommands() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("generate").contains("Generate events.");
    assertThat(run(Map.of())).as("no command at all is a usage error").isEqualTo(2);
  }

  @Test
  void aFailureIsOneLineAndExitCodeOne() {
    assertThat(run(Map.of(), "generate", "fail")).isEqualTo(1);
    assertThat(err()).isEqualTo("sluice generate: could not reach the broker" + System.lineSeparator());
  }
}
