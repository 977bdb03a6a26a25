package io.sluice.config.cli;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import java.util.Optional;

/** "Did you mean" hints for mistyped options. */
final class Suggestions {

  private Suggestions() {
  }

  static Optional<Setting<?>> closestFlag(ConfigDef def, String flag) {
    Setting<?> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting<?> s : def.settings()) {
      int d = editDistance(flag, s.flag());
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, flag.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[b.length()];
  }
}
