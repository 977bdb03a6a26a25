package io.sluice.jobs.enrich;

import io.sluice.jobs.JobEndpoints;
import io.sluice.jobs.PartitionIterators;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.util.LongAccumulator;

/**
 * The second step of every job: looks up each decoded event's campaign ({@link CampaignLookup}) and
 * drops, and counts, the events of unknown ads.
 */
public final class AddCampaigns implements Serializable {

  private static final long serialVersionUID = 1L;

  private final JobEndpoints endpoints;
  private final LongAccumulator unknownAds;

  public AddCampaigns(JobEndpoints endpoints, LongAccumulator unknownAds) {
    this.endpoints = endpoints;
    this.unknownAds = unknownAds;
  }

  /** The {@code events} whose ad has a campaign, with it. */
  public Iterator<CampaignEvent> apply(Iterator<GenericRecord> events) {
    CampaignLookup campaigns = CampaignLookup.of(endpoints);
    return PartitionIterators.mapDroppingNulls(events, event -> withCampaign(event, campaigns), () -> { });
  }

  private CampaignEvent withCampaign(GenericRecord event, CampaignLookup campaigns) {
    String campaign = campaigns.campaignOf(event.get("ad_id").toString());
    if (campaign == null) {
      unknownAds.add(1);
      return null;
    }
    return new CampaignEvent(event, campaign);
  }
}
