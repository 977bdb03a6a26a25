package io.sluice.ingest.generate;

import io.sluice.events.AdEvent;
import io.sluice.events.AdType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic ad events in the manner of the Yahoo Streaming Benchmark: random users, pages and ads
 * (from the campaign file), ad and event types. A share of events carry an event time up to
 * {@code maxDelay} in the past (out of order), and a share are sent twice, a few events apart, with
 * the same {@code event_id} (duplicate delivery). The same seed and times give the same events.
 */
public final class EventGenerator {

  private static final AdType[] AD_TYPES = AdType.values();
  private static final int MAX_DUPLICATE_GAP = 20;

  private final String[] adIds;
  // Drawn from pools made once: building these strings per event costs more than the rest of an event.
  private final String[] userIds;
  private final String[] pageIds;
  private final String[] ipAddresses;
  private final EventMix mix;
  private final double outOfOrderShare;
  private final long maxDelayMillis;
  private final double duplicateShare;
  private final Random random;
  private final PriorityQueue<Pending> duplicates = new PriorityQueue<>();
  private long emitted;

  public EventGenerator(List<String> adIds, int users, int pages, EventMix mix, double outOfOrderShare,
                        Duration maxDelay, double duplicateShare, long seed) {
    if (adIds.isEmpty()) {
      throw new IllegalArgumentException("no ads to generate events for");
    }
    this.adIds = adIds.toArray(new String[0]);
    this.userIds = pool("user-", users);
    this.pageIds = pool("page-", pages);
    Random ipRandom = new Random(seed ^ 0x5EED);
    this.ipAddresses = new String[Math.max(users, 1)];
    for (int i = 0; i < ipAddresses.length; i++) {
      ipAddresses[i] = (ipRandom.nextInt(223) + 1) + "." + ipRandom.nextInt(256) + "." + ipRandom.nextInt(256) + "."
          + ipRandom.nextInt(256);
    }
    this.mix = mix;
    this.outOfOrderShare = outOfOrderShare;
    this.maxDelayMillis = maxDelay.toMillis();
    this.duplicateShare = duplicateShare;
    this.random = new Random(seed);
  }

  /**
   * The records to send for one new event happening at {@code nowMillis}: the event itself, and
   * any earlier event whose duplicate is due now.
   */
  public List<AdEvent> next(long nowMillis) {
    List<AdEvent> out = new ArrayList<>(2);
    AdEvent event = newEvent(nowMillis);
    out.add(event);
    emitted++;
    if (random.nextDouble() < duplicateShare) {
      duplicates.add(new Pending(emitted + 1 + random.nextInt(MAX_DUPLICATE_GAP), event));
    }
    while (!duplicates.isEmpty() && duplicates.peek().due <= emitted) {
      out.add(AdEvent.newBuilder(duplicates.poll().event).build());
    }
    return out;
  }

  /** Duplicates still waiting for their turn; sent at the end so that none is lost. */
  public List<AdEvent> drain() {
    List<AdEvent> out = new ArrayList<>();
    while (!duplicates.isEmpty()) {
      out.add(duplicates.poll().event);
    }
    return out;
  }

  private static String[] pool(String prefix, int size) {
    String[] pool = new String[size];
    for (int i = 0; i < size; i++) {
      pool[i] = prefix + i;
    }
    return pool;
  }

  private AdEvent newEvent(long nowMillis) {
    long eventTime = nowMillis;
    if (random.nextDouble() < outOfOrderShare) {
      eventTime -= 1 + (long) (random.nextDouble() * maxDelayMillis);
    }
    int user = random.nextInt(userIds.length);
    return new AdEvent(
        new UUID(random.nextLong(), random.nextLong()).toString(),
        userIds[user],
        pageIds[random.nextInt(pageIds.length)],
        adIds[random.nextInt(adIds.length)],
        AD_TYPES[random.nextInt(AD_TYPES.length)],
        mix.draw(random),
        Instant.ofEpochMilli(eventTime),
        ipAddresses[user]);
  }

  private static final class Pending implements Comparable<Pending> {
    final long due;
    final AdEvent event;

    Pending(long due, AdEvent event) {
      this.due = due;
      this.event = event;
    }

    @Override
    public int compareTo(Pending other) {
      return Long.compare(due, other.due);
    }
  }
}
