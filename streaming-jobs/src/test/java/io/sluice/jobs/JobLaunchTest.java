package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.job.JobLaunch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launch command the CLI, the demo, the benchmarks and these tests share starts this module's main class. */
class JobLaunchTest {

  @Test
  void theCommandRunsJobMainWithTheJobItsSettingsAndSparkInLocalModeOnLoopback() {
    List<String> argv = JobLaunch.of("a.jar:lib/*", " --add-opens=java.base/java.nio=ALL-UNNAMED  -Dx=1 ")
        .heap("768m").property("spark.master", "local[1]").build("campaign-stats", List.of("--topic", "t"));

    assertThat(argv.get(0)).endsWith("/bin/java");
    assertThat(argv.subList(1, 4)).containsExactly("-Xmx768m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dx=1");
    assertThat(argv).contains("-Dspark.master=local[1]", "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dspark.ui.enabled=false").doesNotContain("-Dspark.master=local[2]");
    assertThat(argv.subList(argv.size() - 6, argv.size())).containsExactly("-cp", "a.jar:lib/*",
        JobMain.class.getName(), "campaign-stats", "--topic", "t");
    assertThat(JobLaunch.MAIN_CLASS).isEqualTo(JobMain.class.getName());
  }
}
