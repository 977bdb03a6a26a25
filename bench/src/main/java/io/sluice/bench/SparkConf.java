package io.sluice.bench;

import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * Extra Spark settings for a benchmark's queries, such as another state store: Spark reads
 * {@code spark.*} system properties, so each becomes a {@code -D} option of the job's JVM.
 */
public final class SparkConf {

  public static final Setting<List<String>> SETTING = Setting.builder("spark-conf", ValueType.listOf(ValueType.STRING))
      .defaultValue(List.of()).validator(Validator.eachMatches("spark\\.[\\w.-]+=.*", "spark.<key>=<value>"))
      .doc("Spark settings for the queries, e.g. spark.sql.streaming.stateStore.providerClass=...").build();

  private SparkConf() {
  }

  /** The JVM options of a job: its heap, then each Spark setting as a system property. */
  public static List<String> jvmOptions(String heap, List<String> sparkConf) {
    List<String> options = new ArrayList<>(List.of("-Xmx" + heap));
    sparkConf.forEach(entry -> options.add("-D" + entry));
    return options;
  }
}
