package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatioTest {

  @Test
  void comparesTheMediansOfPairedRuns() {
    Ratio ratio = new Ratio();
    ratio.add(90, 100);
    ratio.add(300, 110);
    ratio.add(80, 400);

    assertThat(ratio.oursMedian()).isEqualTo(90);
    assertThat(ratio.referenceMedian()).isEqualTo(110);
    assertThat(ratio.ratio()).isEqualTo(90.0 / 110);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Ratio.median(java.util.List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }
}
