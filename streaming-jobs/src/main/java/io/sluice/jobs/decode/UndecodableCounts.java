package io.sluice.jobs.decode;

import io.sluice.serde.DecodeException.Reason;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Records that could not be decoded, in all and by reason, counted on the executors and read on
 * the driver: the dead letters a job's metrics report.
 */
public final class UndecodableCounts implements Serializable {

  private static final long serialVersionUID = 1L;

  private final LongAccumulator total;
  private final EnumMap<Reason, LongAccumulator> byReason;

  private UndecodableCounts(LongAccumulator total, EnumMap<Reason, LongAccumulator> byReason) {
    this.total = total;
    this.byReason = byReason;
  }

  /** Counters registered with {@code spark}, named {@code <prefix>.undecodable[.<reason>]}. */
  public static UndecodableCounts register(SparkContext spark, String prefix) {
    EnumMap<Reason, LongAccumulator> byReason = new EnumMap<>(Reason.class);
    for (Reason reason : Reason.values()) {
      byReason.put(reason, spark.longAccumulator(prefix + ".undecodable." + reason.code()));
    }
    return new UndecodableCounts(spark.longAccumulator(prefix + ".undecodable"), byReason);
  }

  void add(Reason reason) {
    total.add(1);
    byReason.get(reason).add(1);
  }

  /** The total as one accumulator, for code that counts undecodable input of its own (event files). */
  public LongAccumulator total() {
    return total;
  }

  /** The counts so far, by reason, on the driver. */
  public Map<Reason, Long> byReason() {
    Map<Reason, Long> counts = new EnumMap<>(Reason.class);
    byReason.forEach((reason, accumulator) -> counts.put(reason, accumulator.value()));
    return counts;
  }
}
