package io.sluice.dashboard.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of one scrape in the Prometheus text format, enough to read a job's own series:
 * {@code name{label="value",...} number}. Comments and malformed lines are skipped.
 */
public final class Exposition {

  /** One sample: its metric name, labels and value. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;

  private Exposition(List<Sample> samples) {
    this.samples = samples;
  }

  public static Exposition parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Sample sample = sample(line.trim());
      if (sample != null) {
        samples.add(sample);
      }
    }
    return new Exposition(samples);
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String name;
    Map<String, String> labels = new TreeMap<>();
    String rest;
    if (brace >= 0 && brace < space) {
      int close = line.lastIndexOf('}');
      if (close < brace) {
        return null;
      }
      name = line.substring(0, brace);
      for (String pair : line.substring(brace + 1, close).split("\",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).replace("\"", ""));
        }
      }
      rest = line.substring(close + 1).trim();
    } else {
      name = line.substring(0, space);
      rest = line.substring(space + 1).trim();
    }
    try {
      return new Sample(name, labels, Double.parseDouble(rest.split(" ")[0]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The sum of every sample of {@code name}, whatever its labels; 0 when there is none. */
  public double sum(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
  }

  /** Whether the scrape has any sample of {@code name}. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The label values of {@code label} on samples of {@code name}. */
  public List<String> labelValues(String name, String label) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label))
        .map(s -> s.labels().get(label)).distinct().toList();
  }
}
