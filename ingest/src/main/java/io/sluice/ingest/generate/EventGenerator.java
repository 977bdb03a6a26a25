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

  private final List<String> adIds;
  private final int users;
  private final int pages;
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
    this.adIds = List.copyOf(adIds);
    this.users = users;
    this.pages = pages;
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

  private AdEvent newEvent(long nowMillis) {
    long eventTime = nowMillis;
    if (random.nextDouble() < outOfOrderShare) {
      eventTime -= 1 + (long) (random.nextDouble() * maxDelayMillis);
    }
    return AdEvent.newBuilder()
        .setEventId(new UUID(random.nextLong(), random.nextLong()).toString())
        .setUserId("user-" + random.nextInt(users))
        .setPageId("page-" + random.nextInt(pages))
        .setAdId(adIds.get(random.nextInt(adIds.size())))
        .setAdType(AD_TYPES[random.nextInt(AD_TYPES.length)])
        .setEventType(mix.draw(random))
        .setEventTime(Instant.ofEpochMilli(eventTime))
        .setIpAddress((random.nextInt(223) + 1) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
            + random.nextInt(256))
        .build();
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
