package io.sluice.ingest.generate;

import io.sluice.events.AdEvent;
import io.sluice.ingest.replay.Pacer;
import io.sluice.ingest.sink.EventSink;
import java.util.function.BooleanSupplier;

/**
 * One thread's share of {@code sluice generate}: draws events, paces them and hands them to the
 * sink until its count or duration is reached or a stop is requested.
 */
public final class GenerationLoop {

  private final EventGenerator generator;
  private final EventSink sink;
  private final long count;
  private final long durationMillis;
  private final Long simulatedStartMillis;
  private final double rate;
  private final BooleanSupplier stopRequested;
  private final Runnable tick;
  private long generated;
  private long sent;

  /**
   * @param simulatedStartMillis start of the simulated clock, or null for the wall clock
   * @param rate events per second (0 = unthrottled; with a simulated clock, the spacing of event times)
   */
  public GenerationLoop(EventGenerator generator, EventSink sink, long count, long durationMillis,
                        Long simulatedStartMillis, double rate, BooleanSupplier stopRequested, Runnable tick) {
    this.generator = generator;
    this.sink = sink;
    this.count = count;
    this.durationMillis = durationMillis;
    this.simulatedStartMillis = simulatedStartMillis;
    this.rate = rate;
    this.stopRequested = stopRequested;
    this.tick = tick;
  }

  public void run() {
    boolean simulated = simulatedStartMillis != null;
    long startMillis = simulated ? simulatedStartMillis : System.currentTimeMillis();
    Pacer pacer = !simulated && rate > 0 ? Pacer.rate(rate) : Pacer.fastest();
    while (!stopRequested.getAsBoolean() && (count == 0 || generated < count)) {
      long now = simulated ? startMillis + (long) (generated * 1000 / rate) : System.currentTimeMillis();
      if (durationMillis > 0 && now - startMillis >= durationMillis) {
        break;
      }
      pacer.await(now);
      for (AdEvent event : generator.next(now)) {
        sink.send(event);
        sent++;
      }
      generated++;
      tick.run();
    }
    for (AdEvent event : generator.drain()) {
      sink.send(event);
      sent++;
    }
  }

  /** Distinct events drawn. */
  public long generated() {
    return generated;
  }

  /** Records handed to the sink: the events and their duplicates. */
  public long sent() {
    return sent;
  }
}
