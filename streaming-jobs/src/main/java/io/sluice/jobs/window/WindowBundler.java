package io.sluice.jobs.window;

import io.sluice.jobs.EventStream;
import io.sluice.jobs.enrich.CampaignEvent;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * <p>Every bundle of a partition carries the newest event time of all the partition's events, on
 * which the watermark is taken; when only views are bundled and a partition had none, one empty
 * bundle still carries it, so that the watermark is the same whatever a job counts.
 */
final class WindowBundler implements EventStream.PartitionReducer {

  private static final long serialVersionUID = 2L;

  static final byte VIEW = 0;
  static final byte CLICK = 1;
  static final byte PURCHASE = 2;
  /** Bytes of one event in a bundle: id hash, user hash, milliseconds into the window, type. */
  private static final int EVENT_BYTES = Long.BYTES + Long.BYTES + Integer.BYTES + 1;

  static final StructType BUNDLE_SCHEMA = new StructType()
      .add("campaign_id", DataTypes.StringType, false)
      .add("window_start", DataTypes.LongType, false)
      .add("events", DataTypes.BinaryType, false)
      .add("newest_event_time", DataTypes.TimestampType, false);

  private final long windowMillis;
  private final boolean viewsOnly;
  private final boolean withUsers;

  /** Bundles per window of this length: every event, or only views; with user hashes, or 0 for them. */
  WindowBundler(long windowMillis, boolean viewsOnly, boolean withUsers) {
    this.windowMillis = windowMillis;
    this.viewsOnly = viewsOnly;
    this.withUsers = withUsers;
  }

  @Override
  public Iterator<Row> call(Iterator<CampaignEvent> events) {
    Map<Tuple2<String, Long>, Bundle> bundles = new HashMap<>();
    long newest = Long.MIN_VALUE;
    String lastCampaign = null;
    long lastStart = 0;
    while (events.hasNext()) {
      CampaignEvent event = events.next();
      long time = event.eventTimeMillis();
      newest = Math.max(newest, time);
      lastCampaign = event.campaignId();
      lastStart = Math.floorDiv(time, windowMillis) * windowMillis;
      byte type = typeCode(event.eventType());
      if (viewsOnly && type != VIEW) {
        continue;
      }
      bundles.computeIfAbsent(new Tuple2<>(lastCampaign, lastStart), k -> new Bundle())
          .add(event.eventIdHash(), withUsers ? event.userIdHash() : 0, (int) (time - lastStart), type);
    }
    if (lastCampaign == null) {
      return Collections.emptyIterator();
    }
    Timestamp newestTime = new Timestamp(newest);
    if (bundles.isEmpty()) {
      return List.of(RowFactory.create(lastCampaign, lastStart, new byte[0], newestTime)).iterator();
    }
    List<Row> rows = new ArrayList<>(bundles.size());
    bundles.forEach((key, bundle) -> rows.add(RowFactory.create(key._1(), key._2(), bundle.bytes(), newestTime)));
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
