package io.sluice.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashSet64Test {

  @Test
  void reportsTheFirstSightingOfEachHashOnlyAcrossAndWithinBatches() {
    HashSet64 set = new HashSet64();
    assertThat(set.addAll(new long[] {5, -3, 5, 9}, 4)).containsExactly(true, true, false, true);
    assertThat(set.addAll(new long[] {9, 7, -3, 7, Long.MIN_VALUE}, 5)).containsExactly(false, true, false, false, true);
    assertThat(set.size()).isEqualTo(5);
    assertThat(set.contains(7)).isTrue();
    assertThat(set.contains(6)).isFalse();
  }

  @Test
  void agreesWithAHashSetOnRandomBatches() {
    Random random = new Random(42);
    HashSet64 set = new HashSet64();
    Set<Long> reference = new HashSet<>();
    for (int batch = 0; batch < 200; batch++) {
      int n = random.nextInt(300);
      long[] candidates = new long[n + 10];
      for (int i = 0; i < n; i++) {
        candidates[i] = random.nextInt(20_000) - 10_000;
      }
      boolean[] added = set.addAll(candidates, n);
      assertThat(added).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(added[i]).as("batch %d, candidate %d", batch, candidates[i]).isEqualTo(reference.add(candidates[i]));
      }
      assertThat(set.size()).isEqualTo(reference.size());
    }
  }
}
