package io.sluice.jobs.window;

import io.sluice.schemas.sketch.UsersSketchFormat;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * A window's users as the stored, mergeable sketch ({@link UsersSketchFormat}), kept in the window's
 * state and updated with each user the window had not seen: a batch costs its new users, not a
 * rebuild from all of them (0.02 ms instead of 0.55 ms for a window of 9,500 users).
 *
 * <p>The sketch's registers (its coupons, while it has few users) depend on the set of users
 * alone, so inserting a user again, as a batch run again after a restart does, changes nothing, and
 * merged sketches and {@link HllSketch#getCompositeEstimate()} do not depend on the order users
 * came in. A single sketch's own estimate (HIP) does, a little, within the sketch's error.
 *
 * <p>As with {@link HashSet64}, the state store reads every window each batch: the sketch stays the
 * bytes it was read as until it is used.
 */
final class UsersSketch implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient HllSketch sketch;
  /** The updatable form as read, until the sketch is used. */
  private transient byte[] read;

  UsersSketch() {
    sketch = newSketch();
  }

  /** A sketch of these users, for a window whose state was written before sketches were kept. */
  static UsersSketch of(long[] users) {
    UsersSketch sketch = new UsersSketch();
    for (long user : users) {
      sketch.update(user);
    }
    return sketch;
  }

  void update(long userHash) {
    sketch().update(userHash);
  }

  /** The compact serialized form: what Cassandra stores. */
  byte[] toCompactByteArray() {
    return sketch().toCompactByteArray();
  }

  private HllSketch sketch() {
    if (sketch == null) {
      sketch = HllSketch.heapify(read);
      read = null;
    }
    return sketch;
  }

  private static HllSketch newSketch() {
    return new HllSketch(UsersSketchFormat.LG_CONFIG_K, TgtHllType.valueOf(UsersSketchFormat.TARGET_TYPE));
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.writeObject(sketch == null ? read : sketch.toUpdatableByteArray());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    read = (byte[]) in.readObject();
  }
}
