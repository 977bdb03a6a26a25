package io.sluice.schemas.sketch;

/**
 * How {@code campaign_minute_stats.users_sketch} ({@link io.sluice.schemas.cql.Tables.Columns#USERS_SKETCH}) is made, so that every reader merges it the same
 * way: an Apache DataSketches HLL sketch of {@value #LG_CONFIG_K} (2^14 buckets), type
 * {@value #TARGET_TYPE}, in the compact serialized form, updated with Spark SQL's
 * {@code xxhash64(user_id)} (a long, seed 42): the same hashes and registers as Spark SQL's
 * {@code hll_sketch_agg(xxhash64(user_id), 14)}, so the two merge; any DataSketches implementation
 * reads it.
 *
 * <p>Its documented relative standard error is 1.04 / sqrt(2^14) = 0.81% after merging (the
 * estimate of a single unmerged sketch does a little better); the bounds the readers print are
 * those of {@value #BOUND_STANDARD_DEVIATIONS} standard deviations (about 95.4% confidence).
 */
public final class UsersSketchFormat {

  public static final int LG_CONFIG_K = 14;
  public static final String TARGET_TYPE = "HLL_4";
  public static final int BOUND_STANDARD_DEVIATIONS = 2;

  private UsersSketchFormat() {
  }
}
