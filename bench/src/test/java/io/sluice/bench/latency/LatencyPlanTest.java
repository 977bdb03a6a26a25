package io.sluice.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.config.Config;
import io.sluice.config.ConfigException;
import io.sluice.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyPlanTest {

  private static final Setting<List<Double>> RATES = LatencyPlan.rates(List.of(2000.0));
  private static final Setting<Duration> PHASE = LatencyPlan.phase(Duration.ofMinutes(2));

  @Test
  void aWarmUpAsLongAsThePhaseIsRefusedByName() {
    // Before: every window was left out as warm-up, and the benchmark printed p99 NaN.
    assertThatThrownBy(() -> plan("60s", "60s")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--warmup (1m)").hasMessageContaining("--phase (1m)");
    assertThatThrownBy(() -> plan("55s", "60s")).isInstanceOf(ConfigException.class);
  }

  @Test
  void aPhaseWithOneWindowLeftIsMeasured() {
    assertThat(plan("50s", "60s").warmup()).isEqualTo(Duration.ofSeconds(50));
  }

  private static LatencyPlan plan(String warmup, String phase) {
    Config config = Config.resolve(LatencyPlan.settings(RATES, PHASE), new Config.Sources(
        Map.of("warmup", warmup, "phase", phase), Map.of(), null));
    return LatencyPlan.from(config, RATES, PHASE);
  }
}
