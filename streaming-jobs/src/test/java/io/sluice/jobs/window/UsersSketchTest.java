package io.sluice.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sluice.schemas.sketch.UsersSketchFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The users sketch a window stores: it holds the window's set of users whatever their order and
 * repeats, in the form that Spark SQL's own HLL functions read, as accurate as its documented error.
 */
class UsersSketchTest {

  @Test
  void theSketchHoldsTheSetOfUsersSoARerunBatchOrARepeatedUserChangesNothingThatIsMerged() throws Exception {
    List<String> users = users("u", 3_000);
    WindowState once = windowOf(users);

    List<String> shuffledWithRepeats = new ArrayList<>(users);
    shuffledWithRepeats.addAll(users.subList(0, 1_000));
    Collections.shuffle(shuffledWithRepeats, new Random(7));
    WindowState twice = windowOf(shuffledWithRepeats.subList(0, 2_000));
    // The rest arrives after the state was written and read back, as in the next micro-batch.
    twice = WindowStateTest.roundTrip(twice);
    addUsers(twice, shuffledWithRepeats.subList(2_000, shuffledWithRepeats.size()));
    // The batch re-run after a restart starts from the state as written, and inserts the same users again.
    twice = WindowStateTest.roundTrip(twice);
    addUsers(twice, users);

    assertThat(twice.uniqueUsers()).isEqualTo(3_000);
    HllSketch inOrder = HllSketch.heapify(once.usersSketch());
    HllSketch shuffled = HllSketch.heapify(twice.usersSketch());
    assertThat(shuffled.getCompositeEstimate()).as("a function of the registers alone")
        .isEqualTo(inOrder.getCompositeEstimate());
    Union merged = new Union(UsersSketchFormat.LG_CONFIG_K);
    merged.update(inOrder);
    merged.update(shuffled);
    assertThat(merged.getResult().getCompositeEstimate()).as("merging the same users twice adds nothing")
        .isEqualTo(inOrder.getCompositeEstimate());
    assertThat(shuffled.getEstimate()).isCloseTo(3_000, within(3_000 * 0.02));
  }

  @Test
  void aWindowWrittenBeforeSketchesWereKeptGetsTheSketchOfItsUsers() {
    WindowState old = new WindowState(0);
    users("u", 500).forEach(user -> old.users.add(TestEvents.hash(user)));

    assertThat(HllSketch.heapify(old.usersSketch()).getCompositeEstimate())
        .isEqualTo(HllSketch.heapify(windowOf(users("u", 500)).usersSketch()).getCompositeEstimate());
  }

  @Test
  void aWindowOfFiveThousandUsersIsEstimatedWithinTwoPercentAndCountedExactly() {
    WindowState window = windowOf(users("big-", 5_000));

    HllSketch sketch = HllSketch.heapify(window.usersSketch());

    assertThat(window.uniqueUsers()).as("the stored count is exact").isEqualTo(5_000);
    assertThat(sketch.getLgConfigK()).isEqualTo(UsersSketchFormat.LG_CONFIG_K);
    assertThat(sketch.getTgtHllType()).isEqualTo(TgtHllType.HLL_4);
    assertThat(sketch.getEstimate()).isCloseTo(5_000, within(100.0));
    assertThat(sketch.getLowerBound(UsersSketchFormat.BOUND_STANDARD_DEVIATIONS)).isLessThanOrEqualTo(5_000);
    assertThat(sketch.getUpperBound(UsersSketchFormat.BOUND_STANDARD_DEVIATIONS)).isGreaterThanOrEqualTo(5_000);
  }

  @Test
  void mergedMinutesCountAUserSeenInSeveralMinutesOnceNotOncePerMinute() {
    Union union = new Union(UsersSketchFormat.LG_CONFIG_K);
    long sumOfMinutes = 0;
    for (int minute = 0; minute < 10; minute++) {
      // 400 users a minute from a pool of 1,000: most come back in other minutes.
      WindowState window = windowOf(users("u", 1_000).subList(minute * 60, minute * 60 + 400));
      sumOfMinutes += window.uniqueUsers();
      union.update(HllSketch.heapify(window.usersSketch()));
    }

    assertThat(sumOfMinutes).isEqualTo(4_000);
    assertThat(union.getResult().getEstimate()).isCloseTo(940, within(940 * 0.02));
  }

  /**
   * Spark SQL reads the stored bytes with its own functions, and its {@code hll_sketch_agg} of the
   * raw user ids makes the same registers: merged with ours, the same users count once.
   */
  @Test
  void sparkSqlReadsTheStoredSketchesAndMergesThemWithItsOwnHllSketchAggOfXxhash64() {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("users-sketch")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    try {
      List<String> minuteOne = users("u", 4_000).subList(0, 2_500);
      List<String> minuteTwo = users("u", 4_000).subList(1_500, 4_000);
      List<byte[]> stored = List.of(windowOf(minuteOne).usersSketch(), windowOf(minuteTwo).usersSketch());
      spark.createDataset(stored, Encoders.BINARY()).toDF("users_sketch").createOrReplaceTempView("stored");
      List<String> all = new ArrayList<>(minuteOne);
      all.addAll(minuteTwo);
      spark.createDataset(all, Encoders.STRING()).toDF("user_id").createOrReplaceTempView("raw");

      double fromStored = spark.sql("SELECT hll_sketch_estimate(hll_union_agg(users_sketch)) FROM stored").first()
          .getLong(0);
      double fromRawIds = spark.sql("SELECT hll_sketch_estimate(hll_sketch_agg(xxhash64(user_id), "
          + UsersSketchFormat.LG_CONFIG_K + ")) FROM raw").first().getLong(0);
      double bothMerged = spark.sql("SELECT hll_sketch_estimate(hll_union_agg(s)) FROM (SELECT users_sketch AS s"
          + " FROM stored UNION ALL SELECT hll_sketch_agg(xxhash64(user_id), " + UsersSketchFormat.LG_CONFIG_K
          + ") AS s FROM raw)").first().getLong(0);

      assertThat(fromStored).isCloseTo(4_000, within(80.0));
      assertThat(fromRawIds).isCloseTo(4_000, within(80.0));
      assertThat(bothMerged).as("4,000 users, not 8,000: Spark hashed them as we do").isCloseTo(fromStored,
          within(fromStored * 0.005));
    } finally {
      spark.stop();
    }
  }

  private static List<String> users(String prefix, int count) {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(prefix + i);
    }
    return users;
  }

  private static WindowState windowOf(List<String> users) {
    WindowState window = new WindowState(0);
    addUsers(window, users);
    return window;
  }

  private static void addUsers(WindowState window, List<String> users) {
    window.addUsers(users.stream().mapToLong(TestEvents::hash).toArray(), users.size());
  }
}
