package io.sluice.demo;

import io.sluice.events.AdEvent;
import io.sluice.events.EventType;
import io.sluice.ingest.sink.EventSink;
import io.sluice.query.TopCampaignsQuery;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;

/**
 * Passes events on to a sink and remembers, per 10-second window, when its last view was sent. The
 * live generator sends some events up to 5 s after their event time, on purpose: a window's count
 * is final only after its last view, so the view can tell the pipeline's latency from the data's.
 */
final class ViewArrivals implements EventSink {

  private static final int WINDOWS_KEPT = 60;

  private final EventSink sink;
  private final Map<Long, Instant> lastViewSent = new ConcurrentHashMap<>();

  ViewArrivals(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void send(GenericRecord event) {
    sink.send(event);
    if (event instanceof AdEvent ad && ad.getEventType() == EventType.view) {
      long start = Dashboard.windowStart(ad.getEventTime().toEpochMilli());
      if (lastViewSent.put(start, Instant.now()) == null) {
        lastViewSent.keySet().removeIf(s -> s < start - WINDOWS_KEPT * Dashboard.WINDOW_MILLIS);
      }
    }
  }

  /** When the last view of the window starting at {@code start} was sent, if any was. */
  Optional<Instant> lastViewSent(Instant start) {
    return Optional.ofNullable(lastViewSent.get(start.toEpochMilli()));
  }

  /** Whether the window's row was last written after its last view so far was sent (true if none was). */
  boolean lastViewWritten(TopCampaignsQuery.Window window) {
    return lastViewSent(window.start()).map(sent -> Dashboard.writtenSince(window, sent)).orElse(true);
  }

  @Override
  public void flush() {
    sink.flush();
  }

  @Override
  public long written() {
    return sink.written();
  }

  @Override
  public void close() {
    sink.close();
  }
}
