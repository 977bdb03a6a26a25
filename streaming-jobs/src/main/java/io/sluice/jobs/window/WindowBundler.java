package io.sluice.jobs.window;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Packs a partition's events into one row per (campaign, window) before the shuffle, so that the
 * shuffle, its sort and the stateful operator's input handle a few hundred rows a micro-batch
 * instead of one per event. Nothing is counted or dropped here: a bundle carries every event it
 * got (id and user hashes, type, time within the window), and the stateful operator applies the
 * late-data rule and the deduplication to each event, as it would to unbundled rows.
 *
 * <p>Input rows: campaign_id, event_type, event_time, id_hash, user_hash.
 */
final class WindowBundler implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  static final byte VIEW = 0;
  static final byte CLICK = 1;
  static final byte PURCHASE = 2;
  /** Bytes of one event in a bundle: id hash, user hash, milliseconds into the window, type. */
  private static final int EVENT_BYTES = Long.BYTES + Long.BYTES + Integer.BYTES + 1;

  static final StructType BUNDLE_SCHEMA = new StructType()
      .add("campaign_id", DataTypes.StringType, false)
      .add("window_start", DataTypes.LongType, false)
      .add("events", DataTypes.BinaryType, false);

  private final long windowMillis;

  WindowBundler(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> events) {
    Map<Tuple2<String, Long>, Bundle> bundles = new HashMap<>();
    while (events.hasNext()) {
      Row event = events.next();
      long time = event.getTimestamp(2).getTime();
      long start = Math.floorDiv(time, windowMillis) * windowMillis;
      bundles.computeIfAbsent(new Tuple2<>(event.getString(0), start), k -> new Bundle())
          .add(event.getLong(3), event.getLong(4), (int) (time - start), typeCode(event.getString(1)));
    }
    List<Row> rows = new ArrayList<>(bundles.size());
    bundles.forEach((key, bundle) -> rows.add(RowFactory.create(key._1(), key._2(), bundle.bytes())));
    return rows.iterator();
  }

  static byte typeCode(String eventType) {
    return switch (eventType) {
      case "view" -> VIEW;
      case "click" -> CLICK;
      case "purchase" -> PURCHASE;
      default -> throw new IllegalArgumentException("Unknown event type " + eventType);
    };
  }

  /** Calls {@code visitor} for each event of a bundle's bytes, in the order they were added. */
  static void forEachEvent(byte[] bundle, EventVisitor visitor) {
    ByteBuffer in = ByteBuffer.wrap(bundle);
    while (in.hasRemaining()) {
      long id = in.getLong();
      long user = in.getLong();
      int offset = in.getInt();
      visitor.visit(id, user, offset, in.get());
    }
  }

  /** One event of a bundle: its hashes, milliseconds since its window's start, and type code. */
  @FunctionalInterface
  interface EventVisitor {
    void visit(long idHash, long userHash, int offsetMillis, byte type);
  }

  private static final class Bundle {
    private byte[] bytes = new byte[16 * EVENT_BYTES];
    private int size;

    void add(long id, long user, int offset, byte type) {
      if (size + EVENT_BYTES > bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      ByteBuffer.wrap(bytes, size, EVENT_BYTES).putLong(id).putLong(user).putInt(offset).put(type);
      size += EVENT_BYTES;
    }

    byte[] bytes() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
