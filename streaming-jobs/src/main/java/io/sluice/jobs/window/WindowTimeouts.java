package io.sluice.jobs.window;

import org.apache.spark.sql.streaming.GroupState;

/** How a window's state leaves the store: at its event-time timeout, the window's end. */
final class WindowTimeouts {

  private WindowTimeouts() {
  }

  /** True, with the state removed, when this call is the group's timeout. */
  static boolean forgetIfTimedOut(GroupState<?> state) {
    if (state.hasTimedOut()) {
      state.remove();
      return true;
    }
    return false;
  }

  /**
   * For a call that leaves the state as it was: Spark clears a group's timeout on every call that
   * does not set it again, so a window whose events in a batch were all late or repeated must keep
   * its timeout, or its state would never leave; one whose end the watermark passed leaves now.
   */
  static void keepUntil(GroupState<?> state, long windowEnd) {
    if (!state.exists()) {
      return;
    }
    if (windowEnd >= state.getCurrentWatermarkMs()) {
      state.setTimeoutTimestamp(windowEnd);
    } else {
      state.remove();
    }
  }
}
