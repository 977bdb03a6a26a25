package io.sluice.jobs;

import io.sluice.jobs.decode.EventDecoding;
import io.sluice.jobs.enrich.AddCampaigns;
import io.sluice.jobs.enrich.CampaignEvent;
import io.sluice.serde.Events;
import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The events of the topic as a job gets them: decoded (the undecodable ones sent to the dead
 * letters) and with their campaigns (those of unknown ads dropped and counted). A job reduces each
 * partition's events to rows of its own in the operator that decodes them, so that an event is
 * never encoded into Spark's rows, nor read back from them, on its way to the job's state.
 *
 * <p>The same events can be a batch ({@link #isStreaming} false): a backfill reads a past range of
 * the topic, or event files, and the job's aggregation runs over them unchanged.
 */
public final class EventStream implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A job's reduction of one partition's events in one micro-batch. */
  @FunctionalInterface
  public interface PartitionReducer extends Serializable {
    Iterator<Row> call(Iterator<CampaignEvent> events);
  }

  private final transient Dataset<Row> rows;
  private final EventDecoding decode;
  private final AddCampaigns addCampaigns;
  private final Duration allowedLateness;
  /** Events outside [from, until) are left out; the whole of time by default. */
  private final long fromMillis;
  private final long untilMillis;

  /**
   * The events of {@code rows} (a streaming or a batch Dataset), as {@code decode} makes them, with
   * campaigns; the watermark trails the newest event time by {@code allowedLateness}.
   */
  public EventStream(Dataset<Row> rows, EventDecoding decode, AddCampaigns addCampaigns, Duration allowedLateness) {
    this(rows, decode, addCampaigns, allowedLateness, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private EventStream(Dataset<Row> rows, EventDecoding decode, AddCampaigns addCampaigns, Duration allowedLateness,
                      long fromMillis, long untilMillis) {
    this.rows = rows;
    this.decode = decode;
    this.addCampaigns = addCampaigns;
    this.allowedLateness = allowedLateness;
    this.fromMillis = fromMillis;
    this.untilMillis = untilMillis;
  }

  /** Only the events whose event time is in [from, until). */
  public EventStream within(long fromMillis, long untilMillis) {
    return new EventStream(rows, decode, addCampaigns, allowedLateness, fromMillis, untilMillis);
  }

  public boolean isStreaming() {
    return rows.isStreaming();
  }

  /**
   * The rows {@code reducer} makes of each partition's events, with the event-time watermark on
   * their column {@code newestEventTime}: the watermark trails the newest event time seen by the
   * allowed lateness, so that column must hold, in some row of each partition that had events, the
   * newest event time among all of them (those the reducer leaves out too).
   */
  public Dataset<Row> reducePartitions(PartitionReducer reducer, StructType schema, String newestEventTime) {
    if (!DataTypes.TimestampType.equals(schema.apply(newestEventTime).dataType())) {
      throw new IllegalArgumentException("The watermark column " + newestEventTime + " must be a timestamp");
    }
    EventDecoding decode = this.decode;
    AddCampaigns addCampaigns = this.addCampaigns;
    long from = fromMillis;
    long until = untilMillis;
    MapPartitionsFunction<Row, Row> reduce = from == Long.MIN_VALUE && until == Long.MAX_VALUE
        ? partition -> reducer.call(addCampaigns.apply(decode.apply(partition)))
        : partition -> reducer.call(addCampaigns.apply(PartitionIterators.filter(decode.apply(partition),
            event -> Events.eventTimeMillis(event) >= from && Events.eventTimeMillis(event) < until)));
    return rows.mapPartitions(reduce, Encoders.row(schema))
        .withWatermark(newestEventTime, allowedLateness.toMillis() + " milliseconds");
  }
}
