package io.sluice.jobs.window;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * One (campaign, window) group in one micro-batch: drops late events, counts each new event id once,
 * and emits the window's updated totals; when the watermark passes the window's end, forgets it.
 */
final class WindowCountFunction implements FlatMapGroupsWithStateFunction<Tuple2<String, Long>, Row, WindowState, Row> {

  private static final long serialVersionUID = 1L;

  private final long windowMillis;
  private final boolean countUsers;
  private final LongAccumulator late;

  WindowCountFunction(long windowMillis, boolean countUsers, LongAccumulator late) {
    this.windowMillis = windowMillis;
    this.countUsers = countUsers;
    this.late = late;
  }

  @Override
  public Iterator<Row> call(Tuple2<String, Long> key, Iterator<Row> events, GroupState<WindowState> state) {
    if (state.hasTimedOut()) {
      state.remove();
      return Collections.emptyIterator();
    }
    long watermark = state.getCurrentWatermarkMs();
    Batch batch = new Batch();
    while (events.hasNext()) {
      Row event = events.next();
      if (event.getTimestamp(2).getTime() <= watermark) {
        late.add(1);
      } else {
        batch.add(event.getString(1), event.getLong(3), event.getLong(4));
      }
    }
    if (batch.size == 0) {
      return Collections.emptyIterator();
    }
    WindowState totals = state.exists() ? state.get() : new WindowState();
    boolean[] fresh = totals.eventIds.addAll(batch.ids, batch.size);
    int newEvents = 0;
    for (int i = 0; i < batch.size; i++) {
      if (fresh[i]) {
        totals.count(batch.types[i]);
        // Compacted in place: only the users of events counted now join the window's users.
        batch.users[newEvents++] = batch.users[i];
      }
    }
    if (countUsers) {
      totals.users.addAll(batch.users, newEvents);
    }
    long windowEnd = key._2() + windowMillis;
    state.update(totals);
    state.setTimeoutTimestamp(windowEnd);
    return Collections.singletonList(RowFactory.create(key._1(), new Timestamp(key._2()), new Timestamp(windowEnd),
        totals.views(), totals.clicks(), totals.purchases(), totals.uniqueUsers())).iterator();
  }

  /** The events of one group in this batch, as parallel arrays. */
  private static final class Batch {
    String[] types = new String[16];
    long[] ids = new long[16];
    long[] users = new long[16];
    int size;

    void add(String type, long id, long user) {
      if (size == ids.length) {
        types = Arrays.copyOf(types, size * 2);
        ids = Arrays.copyOf(ids, size * 2);
        users = Arrays.copyOf(users, size * 2);
      }
      types[size] = type;
      ids[size] = id;
      users[size] = user;
      size++;
    }
  }
}
