package io.sluice.metrics;

import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;

/** Where a Sluice process serves its Prometheus metrics; every job and producer takes these settings. */
public final class MetricsSettings {

  private MetricsSettings() {
  }

  public static final Setting<Integer> PORT = Setting.builder("metrics.port", ValueType.INT)
      .defaultValue(0).validator(Validator.between(0, 65_535))
      .doc("Port of the Prometheus endpoint (GET /metrics, text exposition format); 0 = no endpoint.").build();

  public static final Setting<String> BIND = Setting.builder("metrics.bind", ValueType.STRING)
      .defaultValue("127.0.0.1").validator(Validator.nonEmpty())
      .doc("Address the metrics endpoint listens on; 0.0.0.0 for every interface (in a container).").build();

  public static final ConfigDef ALL = ConfigDef.of(PORT, BIND);
}
