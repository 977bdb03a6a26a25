package io.sluice.jobs.window;

import io.sluice.jobs.enrich.CampaignEvent;
import io.sluice.schemas.AdEventSchemas;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/** Decoded events as the decoder makes them (ids as Avro's UTF-8 strings), for the window tests. */
final class TestEvents {

  private TestEvents() {
  }

  static CampaignEvent event(String campaign, String type, long timeMillis, String id, String user) {
    GenericRecord record = new GenericData.Record(AdEventSchemas.V2);
    record.put("event_id", new Utf8(id));
    record.put("user_id", new Utf8(user));
    record.put("event_type", new GenericData.EnumSymbol(AdEventSchemas.V2.getField("event_type").schema(), type));
    record.put("event_time", timeMillis);
    return new CampaignEvent(record, campaign);
  }

  static long hash(String idOrUser) {
    return CampaignEvent.xxhash64(idOrUser);
  }
}
