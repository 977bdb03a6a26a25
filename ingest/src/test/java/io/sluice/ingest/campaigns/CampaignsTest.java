package io.sluice.ingest.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignsTest {

  @TempDir
  Path dir;

  @Test
  void generatedCampaignsSurviveTheCsvRoundTrip() throws Exception {
    Campaigns campaigns = Campaigns.generate(7, 3, 11);
    campaigns.writeCsv(dir.resolve("c.csv"));

    Campaigns read = Campaigns.readCsv(dir.resolve("c.csv"));
    assertThat(read.campaignByAd()).isEqualTo(campaigns.campaignByAd()).hasSize(21);
    assertThat(read.campaignByAd().values().stream().distinct()).hasSize(7);
  }

  @Test
  void aBadFileNamesTheLine() throws Exception {
    Files.writeString(dir.resolve("bad.csv"), "ad_id,campaign_id\na1,c1\na2\n");
    assertThatThrownBy(() -> Campaigns.readCsv(dir.resolve("bad.csv"))).hasMessageContaining("bad.csv:3");
    Files.writeString(dir.resolve("header.csv"), "ad,campaign\n");
    assertThatThrownBy(() -> Campaigns.readCsv(dir.resolve("header.csv"))).hasMessageContaining("header.csv:1");
    Files.writeString(dir.resolve("twice.csv"), "ad_id,campaign_id\na1,c1\na1,c2\n");
    assertThatThrownBy(() -> Campaigns.readCsv(dir.resolve("twice.csv")))
        .hasMessageContaining("twice.csv:3").hasMessageContaining("already in campaign c1");
  }
}
