package io.sluice.bench;

import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * Further settings of the job a benchmark runs, such as {@code allowed-lateness=10s}: each becomes
 * the job's {@code --name value} flag, so any job setting can be tuned from a benchmark.
 */
public final class JobArgs {

  public static final Setting<List<String>> SETTING = Setting.builder("job-settings",
      ValueType.listOf(ValueType.STRING)).defaultValue(List.of())
      .validator(Validator.eachMatches("[a-z][\\w.-]*=.+", "name=value"))
      .doc("Further settings of the job, e.g. allowed-lateness=10s (see 'sluice job run NAME --help').").build();

  private JobArgs() {
  }

  public static List<String> flags(List<String> settings) {
    List<String> flags = new ArrayList<>();
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      flags.add("--" + setting.substring(0, eq));
      flags.add(setting.substring(eq + 1));
    }
    return flags;
  }
}
