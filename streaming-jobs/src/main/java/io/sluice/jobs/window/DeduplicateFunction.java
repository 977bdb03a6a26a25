package io.sluice.jobs.window;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The first of two stateful steps, for windows with sub-windows: one (campaign, sub-window) group
 * remembers the hashes of the event ids it let through, drops late events and repeated ids, and
 * passes the new events on, rebundled per (campaign, window), for {@link WindowCountFunction} to
 * count. A duplicate has its original's event time, so it meets it in the same sub-window; and the
 * state a batch rewrites is that of the sub-windows it touched, not every id of the whole window.
 */
final class DeduplicateFunction implements FlatMapGroupsWithStateFunction<Tuple2<String, Long>, Row, HashSet64, Row> {

  private static final long serialVersionUID = 1L;

  private final long subMillis;
  private final long windowMillis;
  private final LongAccumulator late;

  DeduplicateFunction(long subMillis, long windowMillis, LongAccumulator late) {
    this.subMillis = subMillis;
    this.windowMillis = windowMillis;
    this.late = late;
  }

  @Override
  public Iterator<Row> call(Tuple2<String, Long> key, Iterator<Row> bundles, GroupState<HashSet64> state) {
    if (WindowTimeouts.forgetIfTimedOut(state)) {
      return Collections.emptyIterator();
    }
    long subStart = key._2();
    long windowStart = Math.floorDiv(subStart, windowMillis) * windowMillis;
    int intoWindow = (int) (subStart - windowStart);
    HashSet64 ids = state.exists() ? state.get() : new HashSet64();
    WindowBundler.Bundle fresh = new WindowBundler.Bundle();
    long lateEvents = WindowBundler.forEachOnTimeEvent(bundles, subStart, state.getCurrentWatermarkMs(),
        (id, user, offset, type) -> {
          if (ids.add(id)) {
            fresh.add(id, user, intoWindow + offset, type);
          }
        });
    if (lateEvents > 0) {
      late.add(lateEvents);
    }
    long subEnd = subStart + subMillis;
    if (fresh.isEmpty()) {
      WindowTimeouts.keepUntil(state, subEnd);
      return Collections.emptyIterator();
    }
    state.update(ids);
    state.setTimeoutTimestamp(subEnd);
    return List.of(RowFactory.create(key._1(), windowStart, fresh.bytes())).iterator();
  }
}
