package io.sluice.jobs.window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.sluice.jobs.EventStream;
import java.sql.Timestamp;
import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
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
   * The rows this operator emits, one per (campaign, window) changed in a micro-batch. A sub-window's
   * row carries its views only: its clicks, purchases and unique users are null (not counted).
   */
  public static final StructType OUTPUT_SCHEMA = new StructType()
      .add("campaign_id", DataTypes.StringType, false)
      .add("window_start", DataTypes.TimestampType, false)
      .add("window_end", DataTypes.TimestampType, false)
      .add("views", DataTypes.LongType, false)
      .add("clicks", DataTypes.LongType, true)
      .add("purchases", DataTypes.LongType, true)
      .add("unique_users", DataTypes.LongType, true);

  /** Bundles of new events per (campaign, window), from the deduplicating step to the counting one. */
  private static final StructType DEDUPLICATED_SCHEMA = new StructType()
      .add("campaign_id", DataTypes.StringType, false)
      .add("window_start", DataTypes.LongType, false)
      .add("events", DataTypes.BinaryType, false);

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
   * {@code late}.
   */
  public Dataset<Row> apply(EventStream events, LongAccumulator late) {
    long windowMillis = window.toMillis();
    long subMillis = subWindow.toMillis();
    // With sub-windows, ids are remembered per sub-window by a first stateful step, and the window's
    // counts and users kept by a second: a batch then rewrites the state of the sub-windows it
    // touched, not every id of the window so far (a minute holds ~30k at 50k events/s).
    Dataset<Row> bundled = events.reducePartitions(
        new WindowBundler(subMillis > 0 ? subMillis : windowMillis, viewsOnly, countUsers),
        WindowBundler.BUNDLE_SCHEMA, "newest_event_time");
    // Spark drops rows at or behind the watermark before a flatMapGroupsWithState with event-time
    // timeouts, by the column that carries the watermark's metadata, and counts rows, not events. A
    // bundle holds events of many times: so its rows carry that metadata on a time no watermark
    // reaches, and the operators apply the rule to each event and count what they drop.
    Metadata watermark = bundled.schema().apply("newest_event_time").metadata();
    Dataset<Row> bundles = bundled.select(col("campaign_id"), col("window_start"), col("events"));
    if (subMillis > 0) {
      // Spark refuses a stateful step after one that may emit rows behind the watermark, which the
      // next would drop as late; here the next step's rows carry a time no watermark reaches, and
      // every event's lateness was settled by the first step.
      bundles.sparkSession().conf().set("spark.sql.streaming.statefulOperator.checkCorrectness.enabled", "false");
      bundles = perCampaignAndStart(bundles, watermark).flatMapGroupsWithState(
          new DeduplicateFunction(subMillis, windowMillis, late), OutputMode.Append(),
          Encoders.javaSerialization(HashSet64.class), Encoders.row(DEDUPLICATED_SCHEMA),
          GroupStateTimeout.EventTimeTimeout());
    }
    return perCampaignAndStart(bundles, watermark).flatMapGroupsWithState(
        new WindowCountFunction(windowMillis, countUsers, subMillis, subMillis == 0, late), OutputMode.Append(),
        Encoders.javaSerialization(WindowState.class), Encoders.row(OUTPUT_SCHEMA), GroupStateTimeout.EventTimeTimeout());
  }

  private static KeyValueGroupedDataset<Tuple2<String, Long>, Row> perCampaignAndStart(Dataset<Row> bundles,
                                                                                      Metadata watermark) {
    MapFunction<Row, Tuple2<String, Long>> key = row -> new Tuple2<>(row.getString(0), row.getLong(1));
    return bundles.withColumn("late_rule_per_event", lit(BEYOND_ANY_WATERMARK).as("late_rule_per_event", watermark))
        .groupByKey(key, Encoders.tuple(Encoders.STRING(), Encoders.LONG()));
  }
}
