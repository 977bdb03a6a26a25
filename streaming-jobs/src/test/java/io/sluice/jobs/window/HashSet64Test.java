package io.sluice.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
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

  @Test
  void aSerializedCopyHoldsTheSameMembersAndGoesOnAddingAlike() throws Exception {
    HashSet64 set = new HashSet64();
    long[] first = new long[5_000];
    for (int i = 0; i < first.length; i++) {
      first[i] = i * 0x9E3779B97F4A7C15L;
    }
    set.addAll(first, first.length);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(set);
    }
    assertThat(bytes.size()).as("eight bytes a member, not the table").isLessThan(first.length * 8 + 200);
    HashSet64 copy;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (HashSet64) in.readObject();
    }

    long[] sorted = first.clone();
    java.util.Arrays.sort(sorted);
    assertThat(copy.sorted()).as("the members, read back but not yet used").containsExactly(sorted);
    assertThat(set.sorted()).containsExactly(sorted);
    assertThat(copy.size()).isEqualTo(5_000);
    assertThat(copy.contains(0)).as("the member 0 (i = 0) survives").isTrue();
    assertThat(copy.contains(4_999 * 0x9E3779B97F4A7C15L)).isTrue();
    assertThat(copy.addAll(new long[] {0, 7, 7, 4_999 * 0x9E3779B97F4A7C15L}, 4)).containsExactly(false, true, false,
        false);
    assertThat(copy.size()).isEqualTo(5_001);
  }
}
