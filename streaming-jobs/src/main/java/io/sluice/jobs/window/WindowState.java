package io.sluice.jobs.window;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything one (campaign, window) group remembers while its window is open: its counts, the
 * hashes of the event ids already counted, and, when asked for, of its users. It leaves the state
 * store when the watermark passes the window's end.
 *
 * <p>The event ids are kept in one set per sub-window (one for the window without sub-windows). A
 * duplicate has its original's event time, so it meets it in the same set; and since the events of
 * a batch mostly fall into the newest sub-window, a batch builds and rewrites that sub-window's set,
 * while the others go back to the state store as the bytes they were read as.
 */
public final class WindowState implements Serializable {

  private static final long serialVersionUID = 2L;

  long views;
  long clicks;
  long purchases;
  private final HashSet64[] eventIds;
  final HashSet64 users = new HashSet64();
  /** The users as a mergeable sketch; null until users are counted (and in states written before sketches were kept). */
  private UsersSketch usersSketch;
  /** Views per sub-window, when the windows have sub-windows; else null. */
  final long[] subWindowViews;

  /** An empty window with this many sub-windows, or none (0). */
  WindowState(int subWindows) {
    eventIds = new HashSet64[Math.max(subWindows, 1)];
    Arrays.setAll(eventIds, i -> new HashSet64());
    subWindowViews = subWindows == 0 ? null : new long[subWindows];
  }

  /** Remembers the hash of an event id of this sub-window (0 without sub-windows); true if it is new. */
  boolean addEventId(long idHash, int subWindow) {
    return eventIds[subWindow].add(idHash);
  }

  public long views() {
    return views;
  }

  public long clicks() {
    return clicks;
  }

  public long purchases() {
    return purchases;
  }

  public long uniqueUsers() {
    return users.size();
  }

  /** Adds the users of events counted now: those the window had not seen also join its sketch. */
  void addUsers(long[] userHashes, int count) {
    UsersSketch sketch = sketch();
    boolean[] added = users.addAll(userHashes, count);
    for (int i = 0; i < count; i++) {
      if (added[i]) {
        sketch.update(userHashes[i]);
      }
    }
  }

  /** The window's users as the stored, mergeable sketch, in its compact serialized form. */
  public byte[] usersSketch() {
    return sketch().toCompactByteArray();
  }

  private UsersSketch sketch() {
    if (usersSketch == null) {
      usersSketch = UsersSketch.of(users.sorted());
    }
    return usersSketch;
  }

  /** Counts one new event of a {@link WindowBundler} type code. */
  void count(byte type, int subWindow) {
    switch (type) {
      case WindowBundler.VIEW -> {
        views++;
        if (subWindowViews != null) {
          subWindowViews[subWindow]++;
        }
      }
      case WindowBundler.CLICK -> clicks++;
      case WindowBundler.PURCHASE -> purchases++;
      default -> throw new IllegalArgumentException("Unknown event type code " + type);
    }
  }
}
