package io.sluice.ingest.replay;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;

/** Settings of {@code sluice replay}. */
public final class ReplaySettings {

  private ReplaySettings() {
  }

  public static final Setting<Pacer.Mode> PACE = Setting.builder("pace", ValueType.enumOf(Pacer.Mode.class))
      .defaultValue(Pacer.Mode.FASTEST)
      .doc("fastest: as fast as possible; rate: --rate events per second; event-time: as the events' own"
          + " times are spaced, sped up by --speedup.").build();
  public static final Setting<Double> RATE = Setting.builder("rate", ValueType.DOUBLE)
      .defaultValue(1000.0).validator(Validator.between(0.001, 1e9)).doc("Events per second with --pace rate.").build();
  public static final Setting<Double> SPEEDUP = Setting.builder("speedup", ValueType.DOUBLE)
      .defaultValue(1.0).validator(Validator.between(0.001, 1e6))
      .doc("With --pace event-time: 10 replays a minute of event time in 6 s.").build();
  public static final Setting<Boolean> SKIP_INVALID = Setting.builder("skip-invalid", ValueType.BOOLEAN)
      .defaultValue(false)
      .doc("Count and report lines that are not valid events and go on. Without it, the first one stops the"
          + " replay with its file, line and reason.").build();

  public static final ConfigDef REPLAY = ConfigDef.of(PACE, RATE, SPEEDUP, SKIP_INVALID);
}
