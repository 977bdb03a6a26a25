package io.sluice.ingest.expected;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the jobs' tables with expected aggregates: every column exactly, except unique users
 * above {@value #EXACT_USERS_UP_TO}, where an estimate may serve: each within 6% and the root mean
 * square of the relative errors within 2%. Up to that many users, the count must be exact.
 */
public final class Verdict {

  /** Windows with at most this many distinct users must count them exactly. */
  public static final long EXACT_USERS_UP_TO = 1_000;

  private final List<String> problems = new ArrayList<>();

  /** Compares rows whose columns must all be equal. */
  public Verdict exact(String table, List<String> actual, List<String> expected) {
    if (!actual.equals(expected)) {
      problems.add(table + ": " + actual.size() + " rows, " + expected.size() + " expected; first difference: "
          + firstDifference(actual, expected));
    }
    return this;
  }

  /** Compares minute stats rows: campaign, start, end, views, clicks, purchases, unique users, ctr. */
  public Verdict minuteStats(String table, List<String> actual, List<String> expected) {
    if (actual.size() != expected.size()) {
      problems.add(table + ": " + actual.size() + " rows, " + expected.size() + " expected");
      return this;
    }
    double squared = 0;
    for (int i = 0; i < expected.size(); i++) {
      String[] a = actual.get(i).split(",");
      String[] e = expected.get(i).split(",");
      boolean exactPart = String.join(",", a[0], a[1], a[2], a[3], a[4], a[5])
          .equals(String.join(",", e[0], e[1], e[2], e[3], e[4], e[5]))
          && Math.abs(Double.parseDouble(a[7]) - Double.parseDouble(e[7])) < 1e-12;
      double users = Double.parseDouble(e[6]);
      double relative = (Double.parseDouble(a[6]) - users) / users;
      squared += relative * relative;
      boolean usersOff = users <= EXACT_USERS_UP_TO ? relative != 0 : Math.abs(relative) > 0.06;
      if (!exactPart || usersOff) {
        problems.add(table + ": got " + actual.get(i) + ", expected " + expected.get(i));
        return this;
      }
    }
    double rms = Math.sqrt(squared / Math.max(1, expected.size()));
    if (rms > 0.02) {
      problems.add(table + ": unique users off by " + String.format("%.2f%%", rms * 100) + " (RMS), more than 2%");
    }
    return this;
  }

  public boolean matches() {
    return problems.isEmpty();
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  private static String firstDifference(List<String> actual, List<String> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      if (!actual.get(i).equals(expected.get(i))) {
        return "got " + actual.get(i) + ", expected " + expected.get(i);
      }
    }
    return actual.size() > expected.size() ? "extra row " + actual.get(expected.size())
        : "missing row " + expected.get(actual.size());
  }
}
