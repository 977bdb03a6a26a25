package io.sluice.jobs;

import io.sluice.jobs.decode.DecodeRecords;
import io.sluice.jobs.enrich.AddCampaigns;
import io.sluice.jobs.enrich.CampaignEvent;
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
 */
public final class EventStream implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A job's reduction of one partition's events in one micro-batch. */
  @FunctionalInterface
  public interface PartitionReducer extends Serializable {
    Iterator<Row> call(Iterator<CampaignEvent> events);
  }

  private final transient Dataset<Row> kafkaRows;
  private final DecodeRecords decode;
  private final AddCampaigns addCampaigns;
  private final Duration allowedLateness;

  EventStream(Dataset<Row> kafkaRows, DecodeRecords decode, AddCampaigns addCampaigns, Duration allowedLateness) {
    this.kafkaRows = kafkaRows;
    this.decode = decode;
    this.addCampaigns = addCampaigns;
    this.allowedLateness = allowedLateness;
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
    DecodeRecords decode = this.decode;
    AddCampaigns addCampaigns = this.addCampaigns;
    MapPartitionsFunction<Row, Row> reduce = rows -> reducer.call(addCampaigns.apply(decode.apply(rows)));
    return kafkaRows.mapPartitions(reduce, Encoders.row(schema))
        .withWatermark(newestEventTime, allowedLateness.toMillis() + " milliseconds");
  }
}
