package io.sluice.jobs.window;

import static io.sluice.jobs.window.TestEvents.event;
import static io.sluice.jobs.window.TestEvents.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.enrich.CampaignEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.TestGroupState;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The first step for windows with sub-windows, one (campaign, 10-s sub-window) group of a minute at a time. */
class DeduplicateFunctionTest {

  private static final long SUB = 10_000;
  private static final long MINUTE = 60_000;
  private static final Tuple2<String, Long> SECOND_SUB_WINDOW = new Tuple2<>("c", 70_000L);

  private final LongAccumulator late = new LongAccumulator();
  private final DeduplicateFunction function = new DeduplicateFunction(SUB, MINUTE, late);

  @Test
  void passesEachNewIdOnceRebundledForItsWindowAndRemembersItAcrossBatches() {
    TestGroupState<HashSet64> state = state(null, 0);
    List<Row> out = call(state, event("c", "view", 71_000, "e1", "u1"), event("c", "click", 72_000, "e2", "u2"),
        event("c", "view", 71_000, "e1", "u1"));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).getString(0)).isEqualTo("c");
    assertThat(out.get(0).getLong(1)).as("keyed by the window, for the counting step").isEqualTo(60_000);
    assertThat(unpack(out.get(0))).containsExactly(hash("e1") + "/11000/0", hash("e2") + "/12000/1");
    assertThat(state.getTimeoutTimestampMs().get()).as("the ids leave with their sub-window").isEqualTo(80_000L);

    TestGroupState<HashSet64> next = state(state.get(), 0);
    List<Row> again = call(next, event("c", "view", 71_000, "e1", "u1"), event("c", "view", 79_999, "e3", "u3"));
    assertThat(unpack(again.get(0))).containsExactly(hash("e3") + "/19999/0");
  }

  @Test
  void aBatchOfRepeatsAndLateEventsPassesNothingCountsTheLateAndKeepsTheTimeout() {
    TestGroupState<HashSet64> first = state(null, 0);
    call(first, event("c", "view", 75_000, "e1", "u1"));

    TestGroupState<HashSet64> repeats = state(first.get(), 72_000);
    assertThat(call(repeats, event("c", "view", 75_000, "e1", "u1"), event("c", "view", 71_000, "e9", "u9")))
        .isEmpty();
    assertThat(late.value()).as("e9 is at or behind the watermark").isEqualTo(1);
    assertThat(repeats.getTimeoutTimestampMs().get()).isEqualTo(80_000L);

    TestGroupState<HashSet64> past = state(first.get(), 85_000);
    assertThat(call(past, event("c", "view", 75_000, "e1", "u1"))).isEmpty();
    assertThat(past.isRemoved()).isTrue();
  }

  private TestGroupState<HashSet64> state(HashSet64 existing, long watermark) {
    return TestGroupState.create(existing == null ? Optional.empty() : Optional.of(existing),
        GroupStateTimeout.EventTimeTimeout(), 0L, Optional.of(watermark), false);
  }

  private List<Row> call(TestGroupState<HashSet64> state, CampaignEvent... events) {
    List<Row> bundles = new ArrayList<>();
    new WindowBundler(SUB, false, false).call(List.of(events).iterator()).forEachRemaining(bundle -> bundles.add(
        new GenericRowWithSchema(new Object[] {bundle.get(0), bundle.get(1), bundle.get(2), bundle.get(3)},
            WindowBundler.BUNDLE_SCHEMA)));
    List<Row> out = new ArrayList<>();
    function.call(SECOND_SUB_WINDOW, bundles.iterator(), state).forEachRemaining(out::add);
    return out;
  }

  private static List<String> unpack(Row bundle) {
    List<String> events = new ArrayList<>();
    WindowBundler.forEachEvent((byte[]) bundle.get(2), (id, user, offset, type) -> events.add(id + "/" + offset + "/" + type));
    return events;
  }
}
