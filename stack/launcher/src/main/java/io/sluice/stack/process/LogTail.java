package io.sluice.stack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines a server wrote since its latest start, for error messages. */
public final class LogTail {

  private LogTail() {
  }

  /** The last {@code maxLines} lines after the last line starting with {@code startMarker} (null: the whole file). */
  public static String of(Path log, String startMarker, int maxLines) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
    int from = 0;
    for (int i = lines.size() - 1; startMarker != null && i >= 0; i--) {
      if (lines.get(i).startsWith(startMarker)) {
        from = i + 1;
        break;
      }
    }
    List<String> recent = new ArrayList<>(lines.subList(Math.max(from, lines.size() - maxLines), lines.size()));
    if (recent.isEmpty()) {
      return "(the log " + log + " is empty)";
    }
    return "    " + String.join("\n    ", recent);
  }
}
