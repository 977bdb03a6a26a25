package io.sluice.ingest.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a producer to a pace: as fast as possible, a fixed number of events per second, or the
 * spacing of the events' own times divided by a speed-up factor.
 */
public final class Pacer {

  /** How events are spaced out. */
  public enum Mode { FASTEST, RATE, EVENT_TIME }

  /**
   * Events due within this long go at once. Parking for each event costs a context switch (at 50k
   * events/s, most of a core); in bursts of a millisecond the pace still holds to the millisecond.
   */
  static final long MIN_PARK_NANOS = 1_000_000;

  private final Mode mode;
  private final double eventsPerSecond;
  private final double speedup;
  private final long startNanos = System.nanoTime();
  private long count;
  private long firstEventTime = Long.MIN_VALUE;

  private Pacer(Mode mode, double eventsPerSecond, double speedup) {
    this.mode = mode;
    this.eventsPerSecond = eventsPerSecond;
    this.speedup = speedup;
  }

  public static Pacer fastest() {
    return new Pacer(Mode.FASTEST, 0, 0);
  }

  public static Pacer rate(double eventsPerSecond) {
    return new Pacer(Mode.RATE, eventsPerSecond, 0);
  }

  public static Pacer eventTime(double speedup) {
    return new Pacer(Mode.EVENT_TIME, 0, speedup);
  }

  /** Waits until the next event is due; {@code eventTimeMillis} is used in event-time mode. */
  public void await(long eventTimeMillis) {
    long dueNanos;
    switch (mode) {
      case RATE:
        dueNanos = startNanos + (long) (count * 1e9 / eventsPerSecond);
        break;
      case EVENT_TIME:
        if (firstEventTime == Long.MIN_VALUE) {
          firstEventTime = eventTimeMillis;
        }
        dueNanos = startNanos + (long) (Math.max(0, eventTimeMillis - firstEventTime) * 1e6 / speedup);
        break;
      default:
        count++;
        return;
    }
    count++;
    long wait = dueNanos - System.nanoTime();
    if (wait >= MIN_PARK_NANOS) {
      LockSupport.parkNanos(wait);
    }
  }
}
