package io.sluice.ingest.generate;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Settings of {@code sluice generate}. */
public final class GenerateSettings {

  private GenerateSettings() {
  }

  public static final Setting<Path> CAMPAIGNS_FILE = Setting.builder("campaigns", ValueType.PATH)
      .doc("Campaign CSV (ad_id,campaign_id) whose ads the events use. Without it, campaigns are drawn from"
          + " the seed.").build();
  public static final Setting<Integer> CAMPAIGN_COUNT = Setting.builder("campaign-count", ValueType.INT)
      .defaultValue(100).validator(Validator.between(1, 1_000_000))
      .doc("Campaigns drawn from the seed when no --campaigns file is given.").build();
  public static final Setting<Integer> ADS_PER_CAMPAIGN = Setting.builder("ads-per-campaign", ValueType.INT)
      .defaultValue(10).validator(Validator.between(1, 10_000)).doc("Ads of each drawn campaign.").build();
  public static final Setting<Path> WRITE_CAMPAIGNS = Setting.builder("write-campaigns", ValueType.PATH)
      .doc("Also write the campaigns used to this CSV file, for 'sluice seed-campaigns'.").build();
  public static final Setting<Integer> USERS = Setting.builder("users", ValueType.INT)
      .defaultValue(10_000).validator(Validator.between(1, Integer.MAX_VALUE)).doc("Distinct user ids.").build();
  public static final Setting<Integer> PAGES = Setting.builder("pages", ValueType.INT)
      .defaultValue(1_000).validator(Validator.between(1, Integer.MAX_VALUE)).doc("Distinct page ids.").build();
  public static final Setting<String> EVENT_MIX = Setting.builder("event-mix", ValueType.STRING)
      .defaultValue("view=1,click=1,purchase=1").validator(new Validator<>() {
        @Override
        public void ensureValid(String value) {
          EventMix.parse(value);
        }

        @Override
        public String describe() {
          return "view=W,click=W,purchase=W";
        }
      }).doc("Relative weights of the event types (the Yahoo benchmark draws them evenly).").build();
  public static final Setting<Double> RATE = Setting.builder("rate", ValueType.DOUBLE)
      .defaultValue(1000.0).validator(Validator.between(0.0, 1e9))
      .doc("Events per second: the send rate in live mode (0 = as fast as possible), the spacing of event"
          + " times with --start-time.").build();
  public static final Setting<Long> COUNT = Setting.builder("count", ValueType.LONG)
      .defaultValue(0L).validator(Validator.between(0L, Long.MAX_VALUE))
      .doc("Events to generate, duplicates not counted; 0 = no limit.").build();
  public static final Setting<Duration> DURATION = Setting.builder("duration", ValueType.DURATION)
      .defaultValue(Duration.ZERO).validator(Validator.atLeast(ValueType.DURATION, Duration.ZERO))
      .doc("How long to generate (event time with --start-time, else wall time); 0 = no limit. With neither"
          + " count nor duration it runs until Ctrl-C.").build();
  public static final Setting<Long> SEED = Setting.builder("seed", ValueType.LONG)
      .doc("Seed of the events' random choices, ids included: the same seed gives the same events (for"
          + " reproducible test data). Default: a random seed for each run, so that instances and restarts"
          + " never share event ids (which the jobs would drop as duplicates).").build();
  public static final Setting<Long> CAMPAIGN_SEED = Setting.builder("campaign-seed", ValueType.LONG)
      .defaultValue(42L).doc("Seed of the campaigns drawn when no --campaigns file is given: the same for every"
          + " instance, and for 'sluice seed-campaigns' of the same campaigns.").build();
  public static final Setting<Instant> START_TIME = Setting.builder("start-time", ValueType.INSTANT)
      .doc("Simulated clock: event times start here and advance 1/rate per event, so a file is reproducible."
          + " Without it, event time is the wall clock (live mode).").build();
  public static final Setting<Double> OUT_OF_ORDER_SHARE = Setting.builder("out-of-order-share", ValueType.DOUBLE)
      .defaultValue(0.01).validator(Validator.between(0.0, 1.0))
      .doc("Share of events whose event time lies up to --max-delay in the past.").build();
  public static final Setting<Duration> MAX_DELAY = Setting.builder("max-delay", ValueType.DURATION)
      .defaultValue(Duration.ofSeconds(5)).validator(Validator.atLeast(ValueType.DURATION, Duration.ZERO))
      .doc("Largest delay of an out-of-order event.").build();
  public static final Setting<Double> DUPLICATE_SHARE = Setting.builder("duplicate-share", ValueType.DOUBLE)
      .defaultValue(0.005).validator(Validator.between(0.0, 1.0))
      .doc("Share of events sent twice with the same event_id, a few events apart.").build();
  public static final Setting<Integer> THREADS = Setting.builder("threads", ValueType.INT)
      .defaultValue(1).validator(Validator.between(1, 64))
      .doc("Threads drawing events into one shared producer, each from its own seed (seed + thread index)."
          + " Live Kafka mode only.").build();
  public static final Setting<Path> OUTPUT = Setting.builder("output", ValueType.PATH)
      .doc("Write to this file (JSON Lines, or Avro when it ends in .avro) instead of Kafka.").build();

  public static final Setting<Path> HEARTBEAT_FILE = Setting.builder("heartbeat-file", ValueType.PATH)
      .doc("Touched at start and at every progress report (every 5 s while events flow): a health check can"
          + " test that it is fresh.").build();

  public static final ConfigDef EVENTS = ConfigDef.of(CAMPAIGNS_FILE, CAMPAIGN_COUNT, ADS_PER_CAMPAIGN, WRITE_CAMPAIGNS,
      USERS, PAGES, EVENT_MIX, RATE, COUNT, DURATION, SEED, CAMPAIGN_SEED, START_TIME, OUT_OF_ORDER_SHARE, MAX_DELAY, DUPLICATE_SHARE,
      THREADS, OUTPUT, HEARTBEAT_FILE);
}
