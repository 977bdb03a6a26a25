package io.sluice.ingest.generate;

import io.sluice.events.EventType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Relative weights of the event types, written {@code view=1,click=1,purchase=1}. Immutable. */
public final class EventMix {

  private static final EventType[] TYPES = EventType.values();

  private final Map<EventType, Double> weights;
  private final double total;
  private final double[] cumulative = new double[TYPES.length];

  private EventMix(Map<EventType, Double> weights) {
    this.weights = weights;
    this.total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double sum = 0;
    for (int i = 0; i < TYPES.length; i++) {
      sum += weights.get(TYPES[i]);
      cumulative[i] = sum;
    }
  }

  public static EventMix parse(String text) {
    Map<EventType, Double> weights = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      weights.put(type, 0.0);
    }
    for (String part : text.split(",")) {
      String[] kv = part.split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException("write the mix as type=weight,...: '" + part + "'");
      }
      EventType type;
      try {
        type = EventType.valueOf(kv[0].trim().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + kv[0].trim() + "' is not an event type (view, click, purchase)");
      }
      double weight;
      try {
        weight = Double.parseDouble(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight of " + type + " is not a number: " + kv[1]);
      }
      if (weight < 0) {
        throw new IllegalArgumentException("weight of " + type + " is negative");
      }
      weights.put(type, weight);
    }
    EventMix mix = new EventMix(weights);
    if (mix.total <= 0) {
      throw new IllegalArgumentException("at least one weight must be positive");
    }
    return mix;
  }

  EventType draw(Random random) {
    double x = random.nextDouble() * total;
    for (int i = 0; i < TYPES.length; i++) {
      if (x < cumulative[i]) {
        return TYPES[i];
      }
    }
    return TYPES[TYPES.length - 1];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    weights.forEach((type, w) -> sb.append(sb.length() == 0 ? "" : ",").append(type).append('=')
        .append(w == Math.rint(w) ? Long.toString(w.longValue()) : Double.toString(w)));
    return sb.toString();
  }
}
