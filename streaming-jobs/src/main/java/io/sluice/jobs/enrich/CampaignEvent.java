package io.sluice.jobs.enrich;

import java.nio.charset.StandardCharsets;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/**
 * A decoded event and its campaign: what a job aggregates. Fields are read from the decoded record
 * when asked for; event and user ids are given as their 64-bit xxHash (Spark's {@code xxhash64} of
 * the string), taken from the decoded UTF-8 bytes without making strings of them.
 */
public final class CampaignEvent {

  /** Spark's seed for {@code xxhash64}. */
  private static final long SEED = 42;

  private final GenericRecord event;
  private final String campaignId;

  public CampaignEvent(GenericRecord event, String campaignId) {
    this.event = event;
    this.campaignId = campaignId;
  }

  public String campaignId() {
    return campaignId;
  }

  public long eventTimeMillis() {
    return (Long) event.get("event_time");
  }

  /** view, click or purchase. */
  public String eventType() {
    return event.get("event_type").toString();
  }

  public long eventIdHash() {
    return xxhash64((CharSequence) event.get("event_id"));
  }

  public long userIdHash() {
    return xxhash64((CharSequence) event.get("user_id"));
  }

  /** Spark's {@code xxhash64} of a string: the hash of its UTF-8 bytes. */
  public static long xxhash64(CharSequence text) {
    if (text instanceof Utf8 utf8) {
      return XXH64.hashUnsafeBytes(utf8.getBytes(), Platform.BYTE_ARRAY_OFFSET, utf8.getByteLength(), SEED);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    return XXH64.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length, SEED);
  }
}
