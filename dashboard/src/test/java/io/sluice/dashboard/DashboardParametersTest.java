package io.sluice.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DashboardParametersTest {

  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void aTimeIsIsoOrEpochMillisAndAbsentMeansTheDefault() {
    assertThat(DashboardServer.instant("at", "2026-01-01T00:06:40Z", NOW)).isEqualTo("2026-01-01T00:06:40Z");
    assertThat(DashboardServer.instant("at", "1767226000000", NOW)).isEqualTo("2026-01-01T00:06:40Z");
    assertThat(DashboardServer.instant("at", null, NOW)).isEqualTo(NOW);
    assertThat(DashboardServer.instant("at", " ", NOW)).isEqualTo(NOW);
  }

  @Test
  void aBadParameterIsRefusedByName() {
    assertThatThrownBy(() -> DashboardServer.instant("from", "yesterday", NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'from'")
        .hasMessageContaining("'yesterday'");
    assertThat(DashboardServer.limit(null)).isEqualTo(10);
    assertThat(DashboardServer.limit("3")).isEqualTo(3);
    assertThatThrownBy(() -> DashboardServer.limit("0")).hasMessageContaining("parameter 'limit'");
    assertThatThrownBy(() -> DashboardServer.limit("ten")).hasMessageContaining("from 1 to 1000");
  }
}
