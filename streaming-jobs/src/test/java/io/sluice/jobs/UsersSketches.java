package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.sluice.ingest.expected.ExpectedAggregates;
import io.sluice.ingest.expected.ExpectedAggregates.WindowKey;
import io.sluice.schemas.sketch.UsersSketchFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/** The users sketches the job must store, made here from user id strings, and those it stored. */
final class UsersSketches {

  private UsersSketches() {
  }

  /**
   * The sketch of exactly these users, as {@link UsersSketchFormat} defines it: Spark's
   * xxhash64 (seed 42) of each id, added in ascending order.
   */
  static byte[] of(Collection<String> users) {
    long[] hashes = users.stream().map(user -> user.getBytes(StandardCharsets.UTF_8))
        .mapToLong(utf8 -> XXH64.hashUnsafeBytes(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length, 42)).toArray();
    Arrays.sort(hashes);
    HllSketch sketch = new HllSketch(UsersSketchFormat.LG_CONFIG_K, TgtHllType.valueOf(UsersSketchFormat.TARGET_TYPE));
    for (long hash : hashes) {
      sketch.update(hash);
    }
    return sketch.toCompactByteArray();
  }

  /**
   * Checks that campaign_minute_stats has a row for each expected minute and nothing else, and that
   * each row's sketch is byte for byte the sketch of exactly that minute's users; returns them.
   */
  static Map<WindowKey, byte[]> assertEachIsTheSketchOfItsMinutesUsers(CqlSession session, String keyspace,
      ExpectedAggregates expected) {
    Map<WindowKey, byte[]> stored = stored(session, keyspace);
    assertThat(stored.keySet()).isEqualTo(expected.minuteStats().keySet());
    expected.minuteStats().forEach((minute, stats) -> assertThat(stored.get(minute))
        .as("the sketch of exactly the users of %s", minute).isEqualTo(of(stats.users())));
    return stored;
  }

  /** The stored sketch of every row of campaign_minute_stats, by campaign and minute. */
  static Map<WindowKey, byte[]> stored(CqlSession session, String keyspace) {
    Map<WindowKey, byte[]> sketches = new TreeMap<>();
    for (Row row : session.execute("SELECT campaign_id, window_start, " + UsersSketchFormat.COLUMN + " FROM "
        + keyspace + ".campaign_minute_stats")) {
      ByteBuffer bytes = row.getByteBuffer(UsersSketchFormat.COLUMN);
      byte[] copy = new byte[bytes.remaining()];
      bytes.duplicate().get(copy);
      sketches.put(new WindowKey(row.getString("campaign_id"), row.getInstant("window_start").toEpochMilli()), copy);
    }
    return sketches;
  }
}
