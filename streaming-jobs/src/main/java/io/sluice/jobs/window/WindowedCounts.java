package io.sluice.jobs.window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sluice.jobs.EventStream;
import io.sluice.schemas.cql.Tables.Columns;
import java.sql.Timestamp;
import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Deduplication and windowed counting in one stateful operator: events are grouped by (campaign,
 * tumbling event-time window), and each group's state holds its counts and the hashes of the event
 * ids it has counted. A duplicate delivery (same event id) falls into the same group, since it
 * carries the same campaign and event time, and is counted once. The state of a window leaves when
 * the watermark passes the window's end, so the state held is bounded by the allowed lateness.
 *
 * <p>With {@link #withSubWindows}, one group also counts the views of each shorter window inside its
 * own (six 10-second windows in a minute), so one operator and one state feed tables of both
 * lengths: an event is decoded, deduplicated and remembered once, not once per table.
 *
 * <p>Event ids and users are compared by their 64-bit xxHash: two different ids of one campaign and
 * window collide with a probability of about n^2 / 2^65 (5e-13 for 5,000 events in a window).
 */
public final class WindowedCounts {

  /**
   * The rows this operator emits, one per (campaign, window) changed in a micro-batch, with fields
   * named as the table columns they fill. A sub-window's
   * row carries its views only: its clicks, purchases and unique users are null (not counted). The
   * users sketch ({@link WindowState#usersSketch}) is there when users are counted, else null.
   */
  public static final StructType OUTPUT_SCHEMA = new StructType()
      .add(Columns.CAMPAIGN_ID, DataTypes.StringType, false)
      .add(Columns.WINDOW_START, DataTypes.TimestampType, false)
      .add(Columns.WINDOW_END, DataTypes.TimestampType, false)
      .add(Columns.VIEWS, DataTypes.LongType, false)
      .add(Columns.CLICKS, DataTypes.LongType, true)
      .add(Columns.PURCHASES, DataTypes.LongType, true)
      .add(Columns.UNIQUE_USERS, DataTypes.LongType, true)
      .add(Columns.USERS_SKETCH, DataTypes.BinaryType, true);

  private static final Timestamp BEYOND_ANY_WATERMARK = Timestamp.valueOf("9999-12-31 00:00:00");

  private final Duration window;
  private final boolean viewsOnly;
  private final boolean countUsers;
  private final Duration subWindow;

  private WindowedCounts(Duration window, boolean viewsOnly, boolean countUsers, Duration subWindow) {
    this.window = window;
    this.viewsOnly = viewsOnly;
    this.countUsers = countUsers;
    this.subWindow = subWindow;
  }

  /** Counts per tumbling window of this length, aligned to the epoch as Spark's {@code window()} is. */
  public static WindowedCounts per(Duration window) {
    if (window.toMillis() <= 0) {
      throw new IllegalArgumentException("A window lasts at least 1 ms, not " + window);
    }
    return new WindowedCounts(window, false, false, Duration.ZERO);
  }

  /** Counts views alone: clicks and purchases are left out (and so never counted as late). */
  public WindowedCounts viewsOnly() {
    return new WindowedCounts(window, true, countUsers, subWindow);
  }

  /** Also counts the distinct users of each window, exactly (up to hash collisions). */
  public WindowedCounts withUniqueUsers() {
    return new WindowedCounts(window, viewsOnly, true, subWindow);
  }

  /**
   * Also emits the views of each sub-window of this length (which must divide the window) that got
   * a view in the micro-batch, as a row of its own. The views of a sub-window are exactly what
   * {@code per(subWindow)} counts over the view events alone: the late-data rule is per event, and
   * a duplicate falls into the same window and sub-window as its original.
   */
  public WindowedCounts withSubWindows(Duration length) {
    long sub = length.toMillis();
    if (sub <= 0 || sub >= window.toMillis() || window.toMillis() % sub != 0) {
      throw new IllegalArgumentException("A sub-window must divide the window of " + window + " into at least two,"
          + " which " + length + " does not");
    }
    return new WindowedCounts(window, viewsOnly, countUsers, length);
  }

  /**
   * Applies the operator to the events; those at or behind the watermark are dropped and added to
   * {@code late}. Over a batch of events, each window is counted once from all its events: no event
   * is late there.
   */
  public Dataset<Row> apply(EventStream events, LongAccumulator late) {
    long windowMillis = window.toMillis();
    Dataset<Row> bundled = events.reducePartitions(new WindowBundler(windowMillis, viewsOnly, countUsers),
        WindowBundler.BUNDLE_SCHEMA, "newest_event_time");
    // Spark drops rows at or behind the watermark before a flatMapGroupsWithState with event-time
    // timeouts, by the column that carries the watermark's metadata, and counts rows, not events. A
    // bundle holds events of many times: so its rows carry that metadata on a time no watermark
    // reaches, and the operator applies the rule to each event and counts what it drops.
    Metadata watermark = bundled.schema().apply("newest_event_time").metadata();
    Dataset<Row> bundles = bundled.select(col("campaign_id"), col("window_start"), col("events"),
        lit(BEYOND_ANY_WATERMARK).as("late_rule_per_event", watermark));
    MapFunction<Row, Tuple2<String, Long>> key = row -> new Tuple2<>(row.getString(0), row.getLong(1));
    return bundles.groupByKey(key, Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
        .flatMapGroupsWithState(new WindowCountFunction(windowMillis, countUsers, subWindow.toMillis(), late,
                events.isStreaming()),
            OutputMode.Update(), Encoders.javaSerialization(WindowState.class), Encoders.row(OUTPUT_SCHEMA),
            GroupStateTimeout.EventTimeTimeout());
  }
}
