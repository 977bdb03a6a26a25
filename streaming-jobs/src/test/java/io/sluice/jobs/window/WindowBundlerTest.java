package io.sluice.jobs.window;

import static io.sluice.jobs.window.TestEvents.event;
import static io.sluice.jobs.window.TestEvents.hash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jobs.enrich.CampaignEvent;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class WindowBundlerTest {

  private static final long WINDOW = 10_000;

  @Test
  void everyEventLandsOnceInTheBundleOfItsCampaignAndWindowWithItsHashesTypeAndOffset() {
    List<CampaignEvent> events = List.of(
        event("a", "view", 20_001, "e1", "u1"),
        event("b", "click", 20_002, "e2", "u2"),
        event("a", "purchase", 29_999, "e3", "u3"),
        event("a", "view", 30_000, "e4", "u4"),
        event("a", "view", 20_001, "e1", "u1"),
        event("a", "view", -1, "e5", "u5"));

    List<Row> rows = bundle(new WindowBundler(WINDOW, false, true), events);
    Map<String, List<String>> bundles = unpack(rows);

    assertThat(bundles).containsOnlyKeys("a@20000", "b@20000", "a@30000", "a@-10000");
    // In arrival order; a repeated event stays in its bundle, for the stateful operator to deduplicate.
    assertThat(bundles.get("a@20000")).containsExactly(packed("e1", "u1", 1, 0), packed("e3", "u3", 9_999, 2),
        packed("e1", "u1", 1, 0));
    assertThat(bundles.get("b@20000")).containsExactly(packed("e2", "u2", 2, 1));
    assertThat(bundles.get("a@30000")).containsExactly(packed("e4", "u4", 0, 0));
    assertThat(bundles.get("a@-10000")).as("times before the epoch fall in the window below").containsExactly(
        packed("e5", "u5", 9_999, 0));
    assertThat(rows).as("every bundle carries the partition's newest event time, for the watermark")
        .allSatisfy(row -> assertThat(row.getTimestamp(3)).isEqualTo(new Timestamp(30_000)));
  }

  @Test
  void viewsOnlyLeavesTheOthersOutButNotTheirTimesAndUsersCanBeLeftOut() {
    List<Row> rows = bundle(new WindowBundler(WINDOW, true, false), List.of(
        event("a", "view", 1_000, "e1", "u1"), event("a", "click", 25_000, "e2", "u2")));
    assertThat(unpack(rows)).containsOnlyKeys("a@0");
    assertThat(unpack(rows).get("a@0")).containsExactly(hash("e1") + "/0/1000/0");
    assertThat(rows.get(0).getTimestamp(3)).as("the click's time still moves the watermark")
        .isEqualTo(new Timestamp(25_000));

    List<Row> clicksOnly = bundle(new WindowBundler(WINDOW, true, false), List.of(
        event("a", "click", 5_000, "e3", "u3"), event("b", "purchase", 7_000, "e4", "u4")));
    assertThat(clicksOnly).as("one empty bundle carries the newest time").hasSize(1);
    assertThat((byte[]) clicksOnly.get(0).get(2)).isEmpty();
    assertThat(clicksOnly.get(0).getTimestamp(3)).isEqualTo(new Timestamp(7_000));

    assertThat(bundle(new WindowBundler(WINDOW, true, false), List.of())).isEmpty();
  }

  @Test
  void aBundleGrowsPastItsFirstBufferAndAnUnknownTypeIsRefused() {
    List<CampaignEvent> events = new ArrayList<>();
    long idHashes = 0;
    for (int i = 0; i < 1_000; i++) {
      events.add(event("a", "view", i, "e" + i, "u" + i));
      idHashes += hash("e" + i);
    }
    Row bundle = bundle(new WindowBundler(WINDOW, false, true), events).get(0);
    long[] sum = new long[2];
    WindowBundler.forEachEvent((byte[]) bundle.get(2), (id, user, offset, type) -> {
      sum[0] += id;
      sum[1] += offset;
    });
    assertThat(sum).containsExactly(idHashes, 499_500);

    assertThatThrownBy(() -> WindowBundler.typeCode("hover")).hasMessageContaining("hover");
  }

  private static List<Row> bundle(WindowBundler bundler, List<CampaignEvent> events) {
    List<Row> rows = new ArrayList<>();
    bundler.call(events.iterator()).forEachRemaining(rows::add);
    return rows;
  }

  private static Map<String, List<String>> unpack(List<Row> rows) {
    Map<String, List<String>> bundles = new TreeMap<>();
    for (Row bundle : rows) {
      List<String> unpacked = new ArrayList<>();
      WindowBundler.forEachEvent((byte[]) bundle.get(2), (id, user, offset, type) ->
          unpacked.add(id + "/" + user + "/" + offset + "/" + type));
      assertThat(bundles.put(bundle.getString(0) + "@" + bundle.getLong(1), unpacked)).as("one bundle per key").isNull();
    }
    return bundles;
  }

  private static String packed(String id, String user, int offset, int type) {
    return hash(id) + "/" + hash(user) + "/" + offset + "/" + type;
  }
}
