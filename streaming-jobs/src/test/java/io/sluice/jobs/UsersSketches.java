package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.ingest.expected.ExpectedAggregates.WindowKey;
import io.sluice.schemas.cql.Tables;
import io.sluice.schemas.cql.Tables.Columns;
import io.sluice.schemas.sketch.UsersSketchFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/** The users sketches the job must store, made here from user id strings, and those it stored. */
final class UsersSketches {

  private UsersSketches() {
  }

  /** The sketch of exactly these users, as {@link UsersSketchFormat} defines it: Spark's xxhash64 (seed 42) of each id. */
  static HllSketch of(Collection<String> users) {
    HllSketch sketch = new HllSketch(UsersSketchFormat.LG_CONFIG_K, TgtHllType.valueOf(UsersSketchFormat.TARGET_TYPE));
    for (String user : users) {
      byte[] utf8 = user.getBytes(StandardCharsets.UTF_8);
      sketch.update(XXH64.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, 42));
    }
    return sketch;
  }

  /**
   * Checks that campaign_minute_stats has a row for each expected minute and nothing else, and that
   * each row's sketch holds exactly that minute's users: the same order-free composite estimate as a
   * sketch made here of those users, also once the two are merged (so the same registers, or coupons
   * for a few users, not only as many); returns them.
   */
  static Map<WindowKey, HllSketch> assertEachHoldsExactlyItsMinutesUsers(CqlSession session, String keyspace,
      ExpectedAggregates expected) {
    Map<WindowKey, HllSketch> stored = stored(session, keyspace);
    assertThat(stored.keySet()).isEqualTo(expected.minuteStats().keySet());
    expected.minuteStats().forEach((minute, stats) -> {
      HllSketch theirs = of(stats.users());
      Union both = new Union(UsersSketchFormat.LG_CONFIG_K);
      both.update(stored.get(minute));
      both.update(theirs);
      // The same count, and merged with the expected users nothing is added: the same users, not only as many.
      assertThat(stored.get(minute).getCompositeEstimate()).as("the users of %s", minute)
          .isEqualTo(theirs.getCompositeEstimate());
      assertThat(both.getResult().getCompositeEstimate()).as("the users of %s merged with the expected ones", minute)
          .isEqualTo(theirs.getCompositeEstimate());
    });
    return stored;
  }

  /** The stored sketch of every row of campaign_minute_stats, by campaign and minute. */
  static Map<WindowKey, HllSketch> stored(CqlSession session, String keyspace) {
    Map<WindowKey, HllSketch> sketches = new TreeMap<>();
    for (Row row : session.execute("SELECT campaign_id, window_start, " + Columns.USERS_SKETCH + " FROM "
        + keyspace + "." + Tables.CAMPAIGN_MINUTE_STATS)) {
      ByteBuffer bytes = row.getByteBuffer(Columns.USERS_SKETCH);
      byte[] copy = new byte[bytes.remaining()];
      bytes.duplicate().get(copy);
      sketches.put(new WindowKey(row.getString("campaign_id"), row.getInstant("window_start").toEpochMilli()),
          HllSketch.heapify(copy));
    }
    return sketches;
  }
}
