package io.sluice.jobs.window;

import java.io.Serializable;

/**
 * Everything one (campaign, window) group remembers while its window is open: its counts, the
 * hashes of the event ids already counted (unless a {@link DeduplicateFunction} before it keeps
 * them), and, when asked for, of its users. It leaves the state store when the watermark passes
 * the window's end.
 */
public final class WindowState implements Serializable {

  private static final long serialVersionUID = 3L;

  long views;
  long clicks;
  long purchases;
  /** Null when the events come deduplicated. */
  final HashSet64 eventIds;
  final HashSet64 users = new HashSet64();
  /** Views per sub-window, when the windows have sub-windows; else null. */
  final long[] subWindowViews;

  /** An empty window with this many sub-windows, or none (0); keeping event ids or not. */
  WindowState(int subWindows, boolean keepsEventIds) {
    eventIds = keepsEventIds ? new HashSet64() : null;
    subWindowViews = subWindows == 0 ? null : new long[subWindows];
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
