package io.sluice.ingest.expected;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

  static final List<String> EXPECTED = List.of("c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,10,5,1,100,0.5",
      "c2,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,0,0,2,40,0.0");

  @Test
  void equalRowsMatch() {
    assertThat(new Verdict().exact("t", List.of("a,1"), List.of("a,1")).minuteStats("s", EXPECTED, EXPECTED)
        .matches()).isTrue();
  }

  @Test
  void aMissingOrDifferentRowIsNamed() {
    Verdict verdict = new Verdict().exact("t", List.of("a,1"), List.of("a,2"));
    assertThat(verdict.matches()).isFalse();
    assertThat(verdict.problems()).singleElement().asString().contains("got a,1, expected a,2");
    assertThat(new Verdict().exact("t", List.of(), List.of("a,2")).problems()).singleElement().asString()
        .contains("missing row a,2");
  }

  @Test
  void uniqueUsersUpToAThousandMustBeExact() {
    List<String> offByOne = List.of("c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,10,5,1,101,0.5",
        "c2,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,0,0,2,40,0.0");
    assertThat(new Verdict().minuteStats("s", offByOne, EXPECTED).problems()).singleElement().asString()
        .contains("got c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,10,5,1,101,0.5");
  }

  @Test
  void aboveAThousandUniqueUsersMayBeOffByAnEstimatorsErrorButNothingElseMay() {
    List<String> large = List.of("c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,3000,5,1,2000,0.0016666666666666668");
    List<String> estimate = List.of("c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,3000,5,1,2010,0.0016666666666666668");
    assertThat(new Verdict().minuteStats("s", estimate, large).matches()).isTrue();

    List<String> tooFar = List.of("c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,3000,5,1,2200,0.0016666666666666668");
    assertThat(new Verdict().minuteStats("s", tooFar, large).matches()).isFalse();

    List<String> wrongClicks = List.of("c1,2026-01-01T00:00:00Z,2026-01-01T00:01:00Z,3000,6,1,2000,0.0016666666666666668");
    assertThat(new Verdict().minuteStats("s", wrongClicks, large).matches()).isFalse();
  }
}
