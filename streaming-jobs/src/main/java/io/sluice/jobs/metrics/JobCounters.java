package io.sluice.jobs.metrics;

import io.sluice.jobs.decode.UndecodableCounts;
import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * What a job's executors count as they go, read on the driver after each batch: records decoded,
 * undecodable ones (sent to the dead letters) by reason, events of unknown ads, events the
 * windowing dropped as late, and how long each partition's upserts took.
 */
public record JobCounters(LongAccumulator decoded, UndecodableCounts deadLetters, LongAccumulator unknownAds,
                          LongAccumulator late, CollectionAccumulator<Long> upsertNanos) implements Serializable {

  public static JobCounters register(SparkContext spark, String job) {
    return new JobCounters(spark.longAccumulator(job + ".decoded"), UndecodableCounts.register(spark, job),
        spark.longAccumulator(job + ".unknown-ads"), spark.longAccumulator(job + ".late"),
        spark.collectionAccumulator(job + ".upsert-nanos"));
  }
}
