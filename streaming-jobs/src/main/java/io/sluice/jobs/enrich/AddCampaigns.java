package io.sluice.jobs.enrich;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.PartitionIterators;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.Iterator;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The second step of every job: looks up each decoded event's campaign ({@link CampaignLookup}) and
 * drops, and counts, the events of unknown ads. What comes out are {@link #EVENT_SCHEMA} rows,
 * ready for event-time work.
 */
public final class AddCampaigns implements Serializable {

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
  private final LongAccumulator unknownAds;

  public AddCampaigns(JobEndpoints endpoints, LongAccumulator unknownAds) {
    this.endpoints = endpoints;
    this.unknownAds = unknownAds;
  }

  /** The rows of the {@code events} whose ad has a campaign. */
  public Iterator<Row> apply(Iterator<GenericRecord> events) {
    CampaignLookup campaigns = CampaignLookup.of(endpoints);
    return PartitionIterators.mapDroppingNulls(events, event -> withCampaign(event, campaigns), () -> { });
  }

  private Row withCampaign(GenericRecord event, CampaignLookup campaigns) {
    String adId = event.get("ad_id").toString();
    String campaign = campaigns.campaignOf(adId);
    if (campaign == null) {
      unknownAds.add(1);
      return null;
    }
    return RowFactory.create(event.get("event_id").toString(), event.get("user_id").toString(), adId, campaign,
        event.get("event_type").toString(), new Timestamp((Long) event.get("event_time")));
  }
}
