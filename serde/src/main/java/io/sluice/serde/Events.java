package io.sluice.serde;

import java.time.Instant;
import org.apache.avro.generic.GenericRecord;

/** Field access that works alike on generated {@code AdEvent}s and on generic records of any version. */
public final class Events {

  private Events() {
  }

  public static String adId(GenericRecord event) {
    return event.get("ad_id").toString();
  }

  public static String eventId(GenericRecord event) {
    return event.get("event_id").toString();
  }

  public static String userId(GenericRecord event) {
    return event.get("user_id").toString();
  }

  public static String eventType(GenericRecord event) {
    return event.get("event_type").toString();
  }

  public static long eventTimeMillis(GenericRecord event) {
    Object time = event.get("event_time");
    return time instanceof Instant ? ((Instant) time).toEpochMilli() : (Long) time;
  }
}
