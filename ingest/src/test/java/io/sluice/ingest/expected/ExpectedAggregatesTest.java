package io.sluice.ingest.expected;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.serde.file.JsonEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedAggregatesTest {

  private static String event(String id, String ad, String user, String type, long time) {
    return "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"page_id\":\"p\",\"ad_id\":\"" + ad
        + "\",\"ad_type\":\"banner\",\"event_type\":\"" + type + "\",\"event_time\":" + time
        + ",\"ip_address\":\"1.2.3.4\"}";
  }

  @Test
  void countsEachEventOnceInItsCampaignsEpochAlignedWindows() {
    ExpectedAggregates expected = new ExpectedAggregates(Map.of("a1", "c1", "a2", "c1", "a3", "c2"));
    String[] lines = {
        event("e1", "a1", "u1", "view", 9_999),
        event("e2", "a2", "u2", "view", 10_000),
        event("e2", "a2", "u2", "view", 10_000),
        event("e3", "a1", "u1", "click", 59_999),
        event("e4", "a3", "u3", "purchase", 60_000),
        event("e5", "unknown", "u4", "view", 1_000),
        event("e6", "a1", "u5", "view", -1),
    };
    for (String line : lines) {
      expected.add(JsonEvents.parse(line));
    }

    assertThat(expected.viewCounts()).containsExactly(
        Map.entry(new ExpectedAggregates.WindowKey("c1", -10_000), 1L),
        Map.entry(new ExpectedAggregates.WindowKey("c1", 0), 1L),
        Map.entry(new ExpectedAggregates.WindowKey("c1", 10_000), 1L));
    ExpectedAggregates.MinuteStats c1 = expected.minuteStats().get(new ExpectedAggregates.WindowKey("c1", 0));
    assertThat(c1.views()).isEqualTo(2);
    assertThat(c1.clicks()).isEqualTo(1);
    assertThat(c1.uniqueUsers()).isEqualTo(2);
    assertThat(c1.ctr()).isEqualTo(0.5);
    ExpectedAggregates.MinuteStats c2 = expected.minuteStats().get(new ExpectedAggregates.WindowKey("c2", 60_000));
    assertThat(c2.purchases()).isEqualTo(1);
    assertThat(c2.ctr()).as("no views: ctr is 0").isZero();
    assertThat(expected.duplicates()).isEqualTo(1);
    assertThat(expected.unknownAds()).isEqualTo(1);
  }
}
