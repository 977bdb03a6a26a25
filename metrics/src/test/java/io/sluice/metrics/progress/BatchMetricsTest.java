package io.sluice.metrics.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class BatchMetricsTest {

  @Test
  void describesABatchAlikeUnderEveryDefaultLocale() {
    BatchMetrics metrics = new BatchMetrics("campaign-window-counts", 7, 12_345, 2_000.4, 15_678.9, 1_234,
        "2026-12-01T10:00:00.000Z", 4_567, 3, 2, 1,
        new BatchMetrics.Phases(1_001, 20, 30, 1_100, 40), new BatchMetrics.StateWork(300, 20, 5, 3_500L << 20));
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      String german = metrics.describe();
      Locale.setDefault(Locale.US);
      assertThat(german).isEqualTo(metrics.describe())
          .contains("batch 7: 12,345 rows in 1,234 ms (2,000/s in, 15,679/s processed)")
          .contains("state 4,567 rows, 3 late, 2 dead letters, 1 unknown ads")
          .contains("ms: offsets 1001, planning 20, wal 30, batch 1100, commit 40")
          .endsWith("state ms: updates 300, removals 20, commit 5, memory 3,500 MiB");
    } finally {
      Locale.setDefault(before);
    }
  }
}
