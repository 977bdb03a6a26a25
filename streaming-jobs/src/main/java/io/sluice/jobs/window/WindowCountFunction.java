package io.sluice.jobs.window;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
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
 * One (campaign, window) group in one micro-batch, its events in bundles ({@link WindowBundler}):
 * drops late events, counts each new event id once, and emits the window's updated totals (and
 * those of its sub-windows that got views); when the watermark passes the window's end, forgets it.
 */
final class WindowCountFunction implements FlatMapGroupsWithStateFunction<Tuple2<String, Long>, Row, WindowState, Row> {

  private static final long serialVersionUID = 1L;

  private final long windowMillis;
  private final boolean countUsers;
  /** 0 without sub-windows. */
  private final long subMillis;
  private final LongAccumulator late;
  /** False over a batch: there, each group is called once with all its events, and no watermark exists. */
  private final boolean streaming;

  WindowCountFunction(long windowMillis, boolean countUsers, long subMillis, LongAccumulator late, boolean streaming) {
    this.windowMillis = windowMillis;
    this.countUsers = countUsers;
    this.subMillis = subMillis;
    this.late = late;
    this.streaming = streaming;
  }

  @Override
  public Iterator<Row> call(Tuple2<String, Long> key, Iterator<Row> events, GroupState<WindowState> state) {
    if (state.hasTimedOut()) {
      state.remove();
      return Collections.emptyIterator();
    }
    // Spark has no watermark for a batch (asking throws): a batch sees the whole range at once, so
    // nothing in it is late.
    long watermark = streaming ? state.getCurrentWatermarkMs() : Long.MIN_VALUE;
    Batch batch = new Batch();
    long[] lateEvents = {0};
    while (events.hasNext()) {
      WindowBundler.forEachEvent(events.next().getAs("events"), (id, user, offset, type) -> {
        if (key._2() + offset <= watermark) {
          lateEvents[0]++;
        } else {
          batch.add(type, id, user, subMillis == 0 ? 0 : (int) (offset / subMillis));
        }
      });
    }
    if (lateEvents[0] > 0) {
      late.add(lateEvents[0]);
    }
    long windowEnd = key._2() + windowMillis;
    if (batch.size == 0) {
      // Spark clears a group's timeout on every call that does not set it again: a window whose
      // events in this batch were all late must keep its timeout, or its state would never leave.
      if (state.exists()) {
        if (windowEnd >= watermark) {
          state.setTimeoutTimestamp(windowEnd);
        } else {
          state.remove();
        }
      }
      return Collections.emptyIterator();
    }
    WindowState totals = state.exists() ? state.get()
        : new WindowState(subMillis == 0 ? 0 : (int) (windowMillis / subMillis));
    int newEvents = 0;
    for (int i = 0; i < batch.size; i++) {
      if (totals.addEventId(batch.ids[i], batch.slots[i])) {
        totals.count(batch.types[i], batch.slots[i]);
        // Compacted in place: only the users of events counted now join the window's users.
        batch.users[newEvents++] = batch.users[i];
      }
    }
    if (countUsers) {
      totals.addUsers(batch.users, newEvents);
    }
    state.update(totals);
    state.setTimeoutTimestamp(windowEnd);
    List<Row> rows = new ArrayList<>(1);
    rows.add(RowFactory.create(key._1(), new Timestamp(key._2()), new Timestamp(windowEnd),
        totals.views(), totals.clicks(), totals.purchases(), totals.uniqueUsers(),
        countUsers ? totals.usersSketch() : null));
    if (subMillis > 0) {
      addSubWindowRows(key, batch, totals, rows);
    }
    return rows.iterator();
  }

  /** A row for each sub-window that got a view (new or repeated) in this batch, as its own job would emit. */
  private void addSubWindowRows(Tuple2<String, Long> key, Batch batch, WindowState totals, List<Row> rows) {
    boolean[] viewed = new boolean[totals.subWindowViews.length];
    for (int i = 0; i < batch.size; i++) {
      viewed[batch.slots[i]] |= batch.types[i] == WindowBundler.VIEW;
    }
    for (int slot = 0; slot < viewed.length; slot++) {
      if (viewed[slot]) {
        long start = key._2() + slot * subMillis;
        rows.add(RowFactory.create(key._1(), new Timestamp(start), new Timestamp(start + subMillis),
            totals.subWindowViews[slot], null, null, null, null));
      }
    }
  }

  /** The events of one group in this batch, as parallel arrays. */
  private static final class Batch {
    byte[] types = new byte[16];
    long[] ids = new long[16];
    long[] users = new long[16];
    int[] slots = new int[16];
    int size;

    void add(byte type, long id, long user, int slot) {
      if (size == ids.length) {
        types = Arrays.copyOf(types, size * 2);
        ids = Arrays.copyOf(ids, size * 2);
        users = Arrays.copyOf(users, size * 2);
        slots = Arrays.copyOf(slots, size * 2);
      }
      types[size] = type;
      ids[size] = id;
      users[size] = user;
      slots[size] = slot;
      size++;
    }
  }
}
