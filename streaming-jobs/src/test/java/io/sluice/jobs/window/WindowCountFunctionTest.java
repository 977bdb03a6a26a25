package io.sluice.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sluice.jobs.enrich.CampaignEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.TestGroupState;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** One group's calls, with Spark's test double of the group state: counting, the late rule and the timeout. */
class WindowCountFunctionTest {

  private static final long MINUTE = 60_000;
  private static final Tuple2<String, Long> KEY = new Tuple2<>("c", 0L);

  private final LongAccumulator late = new LongAccumulator();
  private final WindowCountFunction function = new WindowCountFunction(MINUTE, true, 10_000, late, true);

  @Test
  void countsEachEventIdOnceAndKeepsTheWindowUntilItsEnd() {
    TestGroupState<WindowState> state = state(null, 0);

    List<Row> rows = call(state, event(1, 11, "view", 1_000), event(1, 11, "view", 1_000),
        event(2, 12, "click", 15_000));

    assertThat(rows).hasSize(2);
    Row minute = rows.get(0);
    assertThat(List.of(minute.getLong(3), minute.getLong(4), minute.getLong(5), minute.getLong(6)))
        .as("views, clicks, purchases, unique users").containsExactly(1L, 1L, 0L, 2L);
    assertThat(HllSketch.heapify((byte[]) minute.get(7)).getEstimate()).as("the users sketch").isCloseTo(2.0, within(1e-6));
    assertThat(rows.get(1).get(7)).as("a sub-window's row has no users, so no sketch").isNull();
    assertThat(state.get().views()).isEqualTo(1);
    assertThat(state.getTimeoutTimestampMs().get()).isEqualTo(MINUTE);
  }

  @Test
  void aWindowWhoseEventsInABatchAreAllLateKeepsItsTimeoutAndLeavesOnceItsEndIsPast() {
    TestGroupState<WindowState> first = state(null, 0);
    call(first, event(1, 11, "view", 1_000));
    WindowState totals = first.get();

    TestGroupState<WindowState> lateOnly = state(totals, 5_000);
    assertThat(call(lateOnly, event(2, 12, "view", 2_000))).isEmpty();
    assertThat(late.value()).isEqualTo(1);
    assertThat(lateOnly.exists()).isTrue();
    assertThat(lateOnly.getTimeoutTimestampMs().isPresent()).as("the timeout is set again, or the state stays forever")
        .isTrue();
    assertThat(lateOnly.getTimeoutTimestampMs().get()).isEqualTo(MINUTE);
    assertThat(totals.views()).as("a late event is not counted").isEqualTo(1);

    TestGroupState<WindowState> pastItsEnd = state(totals, MINUTE + 5_000);
    assertThat(call(pastItsEnd, event(3, 13, "view", 3_000))).isEmpty();
    assertThat(pastItsEnd.isRemoved()).isTrue();
    assertThat(late.value()).isEqualTo(2);
  }

  /**
   * Over a batch (a backfill) Spark has no watermark, and asking for it throws: each window is
   * counted once from all its events, none late, duplicates still once.
   */
  @Test
  void overABatchEveryEventCountsOnceAndNoneIsLate() {
    TestGroupState<WindowState> batch = TestGroupState.create(Optional.empty(), GroupStateTimeout.EventTimeTimeout(),
        0L, Optional.empty(), false);
    WindowCountFunction overBatch = new WindowCountFunction(MINUTE, true, 10_000, late, false);

    List<Row> rows = call(overBatch, batch, event(1, 11, "view", 0), event(2, 12, "view", 59_999),
        event(2, 12, "view", 59_999), event(3, 11, "purchase", 30_000));

    Row minute = rows.get(0);
    assertThat(List.of(minute.getLong(3), minute.getLong(4), minute.getLong(5), minute.getLong(6)))
        .as("views, clicks, purchases, unique users").containsExactly(2L, 0L, 1L, 2L);
    assertThat(late.value()).isZero();
  }

  private TestGroupState<WindowState> state(WindowState existing, long watermark) {
    return TestGroupState.create(existing == null ? Optional.empty() : Optional.of(existing),
        GroupStateTimeout.EventTimeTimeout(), 0L, Optional.of(watermark), false);
  }

  private List<Row> call(TestGroupState<WindowState> state, CampaignEvent... events) {
    return call(function, state, events);
  }

  private static List<Row> call(WindowCountFunction function, TestGroupState<WindowState> state,
                                CampaignEvent... events) {
    List<Row> bundles = new ArrayList<>();
    new WindowBundler(MINUTE, false, true).call(List.of(events).iterator()).forEachRemaining(bundle -> bundles.add(
        new GenericRowWithSchema(new Object[] {bundle.get(0), bundle.get(1), bundle.get(2), bundle.get(3)},
            WindowBundler.BUNDLE_SCHEMA)));
    List<Row> out = new ArrayList<>();
    Iterator<Row> rows = function.call(KEY, bundles.iterator(), state);
    rows.forEachRemaining(out::add);
    return out;
  }

  private static CampaignEvent event(long id, long user, String type, long timeMillis) {
    return TestEvents.event("c", type, timeMillis, "e" + id, "u" + user);
  }
}
