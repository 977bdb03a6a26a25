package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {

  @Test
  void theCheckpointComesFromTheEnvironmentOrTheConfigFileBeforeTheLaunchersDefault(@TempDir Path dir)
      throws Exception {
    String previous = System.setProperty(JobSettings.CHECKPOINT_ROOT_PROPERTY, "/launcher/checkpoints");
    try {
      Config defaults = Config.resolve(JobSettings.ALL, Config.Sources.none());
      assertThat(JobSettings.checkpointDir(defaults, "campaign-window-counts"))
          .isEqualTo("/launcher/checkpoints/campaign-window-counts");

      Config fromEnv = Config.resolve(JobSettings.ALL, new Config.Sources(Map.of(),
          Map.of(JobSettings.CHECKPOINT_DIR.envNames().get(0), "/from/env"), null));
      assertThat(JobSettings.checkpointDir(fromEnv, "campaign-window-counts")).isEqualTo("/from/env");

      Path file = Files.writeString(dir.resolve("job.properties"), "checkpoint-dir=/from/file\n");
      Config fromFile = Config.resolve(JobSettings.ALL, new Config.Sources(Map.of(), Map.of(), file));
      assertThat(JobSettings.checkpointDir(fromFile, "campaign-window-counts")).isEqualTo("/from/file");
    } finally {
      if (previous == null) {
        System.clearProperty(JobSettings.CHECKPOINT_ROOT_PROPERTY);
      } else {
        System.setProperty(JobSettings.CHECKPOINT_ROOT_PROPERTY, previous);
      }
    }
  }
}
