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
    long[] fresh = Arrays.copyOf(candidates, count);
    Arrays.sort(fresh);
    int distinct = 0;
    for (int k = 0; k < count; k++) {
      if ((distinct == 0 || fresh[distinct - 1] != fresh[k]) && !contains(fresh[k])) {
        fresh[distinct++] = fresh[k];
      }
    }
    if (distinct == 0) {
      return added;
    }
    boolean[] claimed = new boolean[distinct];
    for (int i = 0; i < count; i++) {
      int p = Arrays.binarySearch(fresh, 0, distinct, candidates[i]);
      if (p >= 0 && !claimed[p]) {
        claimed[p] = true;
        added[i] = true;
      }
    }
    long[] merged = new long[sorted.length + distinct];
    int s = 0;
    int f = 0;
    int m = 0;
    while (s < sorted.length && f < distinct) {
      merged[m++] = sorted[s] < fresh[f] ? sorted[s++] : fresh[f++];
    }
    System.arraycopy(sorted, s, merged, m, sorted.length - s);
    System.arraycopy(fresh, f, merged, m + sorted.length - s, distinct - f);
    sorted = merged;
    return added;
  }
}
