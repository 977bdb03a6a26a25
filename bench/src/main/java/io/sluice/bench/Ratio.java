package io.sluice.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Paired measurements of ours and the reference; the ratio of their medians is the headline. */
public final class Ratio {

  private final List<Double> ours = new ArrayList<>();
  private final List<Double> reference = new ArrayList<>();

  public void add(double oursValue, double referenceValue) {
    ours.add(oursValue);
    reference.add(referenceValue);
  }

  public List<Double> ours() {
    return List.copyOf(ours);
  }

  public List<Double> reference() {
    return List.copyOf(reference);
  }

  public double oursMedian() {
    return median(ours);
  }

  public double referenceMedian() {
    return median(reference);
  }

  public double ratio() {
    return oursMedian() / referenceMedian();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
