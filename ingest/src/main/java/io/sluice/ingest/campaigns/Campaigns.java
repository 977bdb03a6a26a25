package io.sluice.ingest.campaigns;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The ad-to-campaign dimension: which campaign each ad belongs to. Stored as CSV with the header
 * {@code ad_id,campaign_id}, as the Yahoo Streaming Benchmark keeps it. Immutable.
 */
public final class Campaigns {

  public static final String CSV_HEADER = "ad_id,campaign_id";

  private final Map<String, String> campaignByAd;

  private Campaigns(Map<String, String> campaignByAd) {
    this.campaignByAd = Collections.unmodifiableMap(campaignByAd);
  }

  /** {@code campaigns} campaigns of {@code adsPerCampaign} ads each, with ids drawn from {@code seed}. */
  public static Campaigns generate(int campaigns, int adsPerCampaign, long seed) {
    Random random = new Random(seed);
    Map<String, String> map = new LinkedHashMap<>();
    for (int c = 0; c < campaigns; c++) {
      String campaign = new UUID(random.nextLong(), random.nextLong()).toString();
      for (int a = 0; a < adsPerCampaign; a++) {
        map.put(new UUID(random.nextLong(), random.nextLong()).toString(), campaign);
      }
    }
    return new Campaigns(map);
  }

  public static Campaigns readCsv(Path file) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null || !header.trim().equals(CSV_HEADER)) {
        throw new CampaignFileException(file, 1, "the header must be '" + CSV_HEADER + "', not '" + header + "'");
      }
      String line;
      int number = 1;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw new CampaignFileException(file, number, "expected ad_id,campaign_id, got '" + line + "'");
        }
        String previous = map.put(parts[0].trim(), parts[1].trim());
        if (previous != null && !previous.equals(parts[1].trim())) {
          throw new CampaignFileException(file, number, "ad " + parts[0] + " is already in campaign " + previous);
        }
      }
    }
    if (map.isEmpty()) {
      throw new CampaignFileException(file, 1, "no ads in the file");
    }
    return new Campaigns(map);
  }

  public void writeCsv(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write(CSV_HEADER);
      writer.write('\n');
      for (Map.Entry<String, String> e : campaignByAd.entrySet()) {
        writer.write(e.getKey() + "," + e.getValue() + "\n");
      }
    }
  }

  public List<String> adIds() {
    return new ArrayList<>(campaignByAd.keySet());
  }

  public Map<String, String> campaignByAd() {
    return campaignByAd;
  }

  public int size() {
    return campaignByAd.size();
  }

  /** A campaign file that cannot be used; the message names the file and line. */
  public static final class CampaignFileException extends IOException {
    private static final long serialVersionUID = 1L;

    CampaignFileException(Path file, int line, String reason) {
      super(file + ":" + line + ": " + reason);
    }
  }
}
