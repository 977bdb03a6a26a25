package io.sluice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo as a newcomer runs it, in a JVM of its own with a stack of its own: a replay of the
 * sample that ends with the verdict MATCH, then a live minute of generated events.
 */
class DemoIT {

  static final Path HOME = Path.of(System.getProperty("sluice.home", ".."));
  static final Path STATE = Path.of(System.getProperty("sluice.test.state.dir", "target/test-stack")).resolve("demo")
      .toAbsolutePath();

  @Test
  void replayingTheSampleEndsWithAMatchAndALiveRunProcessesEvents() throws Exception {
    try {
      List<String> replay = demo("replay", "--replay", HOME.resolve("samples/events.jsonl").toString(),
          "--expected", HOME.resolve("samples/expected").toString(), "--keep-stack");
      assertThat(replay).anyMatch(line -> line.startsWith("verdict: MATCH"));

      List<String> live = demo("live", "--duration", "20s", "--rate", "2000");
      assertThat(live).anyMatch(line -> line.matches("summary: [\\d,]+ events produced.*") && !line.startsWith(
          "summary: 0 events"));
      assertThat(live).anyMatch(line -> line.matches("summary: campaign-stats read [1-9][\\d,]* records.*"));
      assertThat(live).anyMatch(line -> line.matches("summary: [1-9][\\d,]* rows in campaign_window_counts,"
          + " [1-9][\\d,]* in campaign_minute_stats"));
      // The view shows a window once it is written after its end; after the catch-up the summary always can,
      // and tells how much of that wait came after the window's last view was sent.
      assertThat(live).anyMatch(line -> line.matches("summary: newest complete window \\[.*\\) written [\\d,]+ ms"
          + " after its end, [\\d,]+ ms after its last view was sent; top campaign .* with [1-9][\\d,]* views"));
    } finally {
      // The live run stops the stack itself; this is for a run that failed before it.
      new LocalStack(STATE, System.err::println).down(false);
    }
  }

  /** Runs 'sluice demo' with the test's state folder; returns its output, failing on a non-zero exit. */
  private static List<String> demo(String name, String... args) throws IOException, InterruptedException {
    Path log = Path.of("target", "demo-" + name + ".log");
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dsluice.home=" + HOME.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
        DemoMain.class.getName(), "demo", "--state-dir", STATE.toString()));
    argv.addAll(List.of(args));
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
      throw new AssertionError("demo " + name + " did not finish in 10 minutes; see " + log);
    }
    assertThat(process.exitValue()).as("demo %s exit code; output in %s", name, log).isZero();
    return Files.readAllLines(log);
  }
}
