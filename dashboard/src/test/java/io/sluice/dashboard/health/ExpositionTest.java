package io.sluice.dashboard.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpositionTest {

  private static final String SCRAPE = """
      # HELP sluice_input_rows_total Kafka records read.
      # TYPE sluice_input_rows_total counter
      sluice_input_rows_total{sluice_job="campaign-stats"} 20201.0
      # TYPE sluice_dead_letters_total counter
      sluice_dead_letters_total{reason="truncated-header",sluice_job="campaign-stats"} 1.0
      sluice_dead_letters_total{reason="wrong-magic-byte",sluice_job="campaign-stats"} 2.0
      sluice_input_rows_per_second{sluice_job="campaign-stats"} 1.5E3
      jvm_threads_current 42
      a line that is no sample
      """;

  @Test
  void readsTheSamplesOfAScrape() {
    Exposition scrape = Exposition.parse(SCRAPE);
    assertThat(scrape.sum("sluice_input_rows_total")).isEqualTo(20_201);
    assertThat(scrape.sum("sluice_dead_letters_total")).isEqualTo(3);
    assertThat(scrape.sum("sluice_input_rows_per_second")).isEqualTo(1_500);
    assertThat(scrape.sum("jvm_threads_current")).isEqualTo(42);
    assertThat(scrape.has("sluice_watermark_lag_seconds")).isFalse();
    assertThat(scrape.sum("sluice_watermark_lag_seconds")).isZero();
    assertThat(scrape.labelValues("sluice_dead_letters_total", "reason"))
        .containsExactly("truncated-header", "wrong-magic-byte");
    assertThat(scrape.labelValues("sluice_input_rows_total", "sluice_job")).containsExactly("campaign-stats");
  }
}
