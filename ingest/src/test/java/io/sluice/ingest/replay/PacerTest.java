package io.sluice.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void aRateIsNeverExceededThoughEventsDueWithinAMillisecondGoTogether() {
    Pacer pacer = Pacer.rate(20_000);
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      pacer.await(0);
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    // 10,000 events at 20,000/s: the last is due at 0.49995 s, and may leave up to 1 ms early.
    assertThat(seconds).isGreaterThanOrEqualTo(0.4985).isLessThan(5.0);
  }
}
