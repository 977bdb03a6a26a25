package io.sluice.schemas.cql;

/**
 * The names of the tables and columns of {@code schemas/cql}, for the code that reads and writes
 * them: each is written here once, and a test checks each against the CQL files ({@link CqlSchema}).
 */
public final class Tables {

  /** The ad-to-campaign dimension. */
  public static final String ADS = "ads";
  /** Views per campaign per 10-second window; one partition per campaign and UTC day. */
  public static final String CAMPAIGN_WINDOW_COUNTS = "campaign_window_counts";
  /** The same rows, one partition per window. */
  public static final String CAMPAIGN_WINDOW_COUNTS_BY_WINDOW = "campaign_window_counts_by_window";
  /** Stats per campaign per minute; one partition per campaign and UTC day. */
  public static final String CAMPAIGN_MINUTE_STATS = "campaign_minute_stats";
  /** The same rows, one partition per minute, without the users sketch. */
  public static final String CAMPAIGN_MINUTE_STATS_BY_WINDOW = "campaign_minute_stats_by_window";

  /** The columns; a name means the same in every table that has it. */
  public static final class Columns {

    public static final String AD_ID = "ad_id";
    public static final String CAMPAIGN_ID = "campaign_id";
    public static final String DAY = "day";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String VIEWS = "views";
    public static final String CLICKS = "clicks";
    public static final String PURCHASES = "purchases";
    public static final String UNIQUE_USERS = "unique_users";
    public static final String CTR = "ctr";
    /** The minute's users as a mergeable sketch ({@link io.sluice.schemas.sketch.UsersSketchFormat}). */
    public static final String USERS_SKETCH = "users_sketch";
    public static final String UPDATED_AT = "updated_at";

    private Columns() {
    }
  }

  private Tables() {
  }
}
