package io.sluice.jobs.decode;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.deadletter.DeadLetters;
import io.sluice.jobs.enrich.CampaignLookup;
import io.sluice.serde.DecodeException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The first step of every job, over the raw Kafka rows of one partition: decode each record, send
 * the undecodable ones to the dead-letter topic, look up each event's campaign and drop (and count)
 * events of unknown ads. What comes out are {@link #EVENT_SCHEMA} rows, ready for event-time work.
 */
public final class DecodeAndEnrich implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  /** The events the aggregations see. */
  public static final StructType EVENT_SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("user_id", DataTypes.StringType, false)
      .add("ad_id", DataTypes.StringType, false)
      .add("campaign_id", DataTypes.StringType, false)
      .add("event_type", DataTypes.StringType, false)
      .add("event_time", DataTypes.TimestampType, false);

  private final JobEndpoints endpoints;
  private final LongAccumulator decoded;
  private final LongAccumulator deadLettered;
  private final LongAccumulator unknownAds;

  public DecodeAndEnrich(JobEndpoints endpoints, LongAccumulator decoded, LongAccumulator deadLettered,
                         LongAccumulator unknownAds) {
    this.endpoints = endpoints;
    this.decoded = decoded;
    this.deadLettered = deadLettered;
    this.unknownAds = unknownAds;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> kafkaRows) {
    CampaignLookup campaigns = CampaignLookup.of(endpoints);
    DeadLetters deadLetters = DeadLetters.of(endpoints);
    return new Iterator<>() {
      private Row next;
      private boolean flushed;

      @Override
      public boolean hasNext() {
        while (next == null && kafkaRows.hasNext()) {
          next = process(kafkaRows.next(), campaigns, deadLetters);
        }
        if (next == null && !flushed) {
          // The partition is done: its dead letters must be written before the batch can commit.
          deadLetters.flush();
          flushed = true;
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
      }
    };
  }

  /** The event row of one Kafka row, or null when it went to the dead letters or had an unknown ad. */
  private Row process(Row kafka, CampaignLookup campaigns, DeadLetters deadLetters) {
    byte[] value = kafka.getAs("value");
    GenericRecord event;
    try {
      event = EventDecoder.decode(endpoints, value);
    } catch (DecodeException e) {
      deadLetters.publish(endpoints.deadLetterTopic(), kafka.getAs("key"), value, headers(kafka), e.reason().code(),
          e.getMessage(), kafka.getAs("topic"), kafka.<Integer>getAs("partition"), kafka.<Long>getAs("offset"));
      deadLettered.add(1);
      return null;
    }
    decoded.add(1);
    String adId = event.get("ad_id").toString();
    String campaign = campaigns.campaignOf(adId);
    if (campaign == null) {
      unknownAds.add(1);
      return null;
    }
    return RowFactory.create(event.get("event_id").toString(), event.get("user_id").toString(), adId, campaign,
        event.get("event_type").toString(), new Timestamp((Long) event.get("event_time")));
  }

  private static List<Header> headers(Row kafka) {
    List<Header> headers = new ArrayList<>();
    int index = kafka.fieldIndex("headers");
    if (kafka.isNullAt(index)) {
      return headers;
    }
    Seq<Row> seq = kafka.getSeq(index);
    for (Row h : CollectionConverters.asJava(seq)) {
      byte[] v = h.getAs("value");
      headers.add(new RecordHeader(h.<String>getAs("key"), v == null ? new byte[0] : v));
    }
    return headers;
  }
}
