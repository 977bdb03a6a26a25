package io.sluice.jobs.window;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A set of 64-bit hashes kept as one sorted array: a window's event ids (for deduplication) or its
 * users (for distinct counts). Eight bytes a member, one array a window, so the state store copies
 * and writes a few hundred arrays a batch instead of millions of rows.
 */
public final class HashSet64 implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final long[] EMPTY = new long[0];

  private long[] sorted = EMPTY;

  public int size() {
    return sorted.length;
  }

  public boolean contains(long hash) {
    return Arrays.binarySearch(sorted, hash) >= 0;
  }

  /**
   * Adds {@code count} hashes of {@code candidates} (in any order, duplicates allowed) and returns
   * for each whether it was new, so the caller counts exactly the first sighting of each.
   */
  public boolean[] addAll(long[] candidates, int count) {
    boolean[] added = new boolean[count];
    if (count == 0) {
      return added;
    }
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(candidates[a], candidates[b]));
    long[] merged = new long[sorted.length + count];
    int m = 0;
    int s = 0;
    long previous = 0;
    boolean any = false;
    for (int k = 0; k < count; k++) {
      long hash = candidates[order[k]];
      while (s < sorted.length && sorted[s] < hash) {
        merged[m++] = sorted[s++];
      }
      boolean known = (s < sorted.length && sorted[s] == hash) || (any && previous == hash);
      if (!known) {
        merged[m++] = hash;
        added[order[k]] = true;
      }
      previous = hash;
      any = true;
    }
    while (s < sorted.length) {
      merged[m++] = sorted[s++];
    }
    sorted = m == merged.length ? merged : Arrays.copyOf(merged, m);
    return added;
  }
}
