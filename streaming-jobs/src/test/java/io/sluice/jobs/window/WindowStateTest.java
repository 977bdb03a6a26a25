package io.sluice.jobs.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** A window's state as the state store keeps it: written after a batch, read back before the next. */
class WindowStateTest {

  @Test
  void aDuplicateIsRecognisedInItsSubWindowAfterTheStateWasWrittenAndRead() throws Exception {
    WindowState state = new WindowState(6);
    for (long id = 1; id <= 1_000; id++) {
      assertThat(state.addEventId(id * 0x9E3779B97F4A7C15L, (int) (id % 6))).isTrue();
    }

    WindowState read = roundTrip(state);
    assertThat(read.addEventId(7 * 0x9E3779B97F4A7C15L, 1)).as("a duplicate, in its own sub-window").isFalse();
    assertThat(read.addEventId(1_001 * 0x9E3779B97F4A7C15L, 5)).isTrue();

    WindowState again = roundTrip(read);
    for (long id = 1; id <= 1_001; id++) {
      assertThat(again.addEventId(id * 0x9E3779B97F4A7C15L, (int) (id % 6))).as("id %d", id).isFalse();
    }
  }

  @Test
  void withoutSubWindowsOneSetHoldsTheWindowsIds() throws Exception {
    WindowState state = new WindowState(0);
    assertThat(state.addEventId(42, 0)).isTrue();
    assertThat(roundTrip(state).addEventId(42, 0)).isFalse();
  }

  /** The state as the state store gives it back: written after a batch and read before the next. */
  static WindowState roundTrip(WindowState state) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (WindowState) in.readObject();
    }
  }
}
