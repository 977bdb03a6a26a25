package io.sluice.dashboard;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;

/** Every setting of 'sluice dashboard', declared once. */
public final class DashboardSettings {

  private DashboardSettings() {
  }

  public static final Setting<Integer> PORT = Setting.builder("port", ValueType.INT)
      .defaultValue(8088).validator(Validator.between(0, 65_535))
      .doc("Port of the web page and its JSON endpoints; 0 picks a free one.").build();

  public static final Setting<String> BIND = Setting.builder("bind", ValueType.STRING)
      .defaultValue("127.0.0.1").validator(Validator.nonEmpty())
      .doc("Address to listen on; 0.0.0.0 for every interface (in a container).").build();

  public static final Setting<String> JOB_METRICS = Setting.builder("job-metrics", ValueType.STRING)
      .defaultValue("")
      .doc("The jobs' metrics endpoints the health panel reads, comma-separated URLs such as"
          + " http://127.0.0.1:9400/metrics; empty = no health panel data.").build();

  public static final ConfigDef ALL = ConfigDef.of(PORT, BIND, JOB_METRICS).with(SharedSettings.CASSANDRA);
}
