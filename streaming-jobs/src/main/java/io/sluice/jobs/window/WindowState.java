package io.sluice.jobs.window;

import java.io.Serializable;

/**
 * Everything one (campaign, window) group remembers while its window is open: its counts, the
 * hashes of the event ids already counted, and, when asked for, of its users. It leaves the state
 * store when the watermark passes the window's end.
 */
public final class WindowState implements Serializable {

  private static final long serialVersionUID = 1L;

  long views;
  long clicks;
  long purchases;
  final HashSet64 eventIds = new HashSet64();
  final HashSet64 users = new HashSet64();
  /** Views per sub-window, when the windows have sub-windows; else null. */
  long[] subWindowViews;

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
