package io.sluice.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class WindowBundlerTest {

  private static final long WINDOW = 10_000;

  @Test
  void everyEventLandsOnceInTheBundleOfItsCampaignAndWindowWithItsHashesTypeAndOffset() {
    List<Row> events = List.of(
        event("a", "view", 20_001, 1, 11),
        event("b", "click", 20_002, 2, 12),
        event("a", "purchase", 29_999, 3, 13),
        event("a", "view", 30_000, 4, 14),
        event("a", "view", 20_001, 1, 11),
        event("a", "view", -1, 5, 15));

    Map<String, List<String>> bundles = new TreeMap<>();
    Iterator<Row> rows = new WindowBundler(WINDOW).call(events.iterator());
    while (rows.hasNext()) {
      Row bundle = rows.next();
      List<String> unpacked = new ArrayList<>();
      WindowBundler.forEachEvent((byte[]) bundle.get(2), (id, user, offset, type) ->
          unpacked.add(id + "/" + user + "/" + offset + "/" + type));
      assertThat(bundles.put(bundle.getString(0) + "@" + bundle.getLong(1), unpacked)).as("one bundle per key").isNull();
    }

    assertThat(bundles).containsOnlyKeys("a@20000", "b@20000", "a@30000", "a@-10000");
    // In arrival order; a repeated event stays in its bundle, for the stateful operator to deduplicate.
    assertThat(bundles.get("a@20000")).containsExactly("1/11/1/0", "3/13/9999/2", "1/11/1/0");
    assertThat(bundles.get("b@20000")).containsExactly("2/12/2/1");
    assertThat(bundles.get("a@30000")).containsExactly("4/14/0/0");
    assertThat(bundles.get("a@-10000")).as("times before the epoch fall in the window below").containsExactly(
        "5/15/9999/0");
  }

  @Test
  void aBundleGrowsPastItsFirstBufferAndAnUnknownTypeIsRefused() {
    List<Row> events = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      events.add(event("a", "view", i, i, -i));
    }
    Row bundle = new WindowBundler(WINDOW).call(events.iterator()).next();
    long[] sum = new long[2];
    WindowBundler.forEachEvent((byte[]) bundle.get(2), (id, user, offset, type) -> {
      sum[0] += id;
      sum[1] += offset;
    });
    assertThat(sum).containsExactly(499_500, 499_500);

    assertThatThrownBy(() -> new WindowBundler(WINDOW).call(List.of(event("a", "hover", 1, 1, 1)).iterator()))
        .hasMessageContaining("hover");
  }

  private static Row event(String campaign, String type, long timeMillis, long idHash, long userHash) {
    return RowFactory.create(campaign, type, new Timestamp(timeMillis), idHash, userHash);
  }
}
