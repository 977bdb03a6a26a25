package io.sluice.bench.throughput;

import java.util.List;

/**
 * Reads Kafka's ConsumerPerformance summary: a header line naming the columns, then one line of
 * values. fetch.nMsg.sec leaves out the group join, as our rates leave out the first batch.
 */
final class ConsumerPerformanceOutput {

  private ConsumerPerformanceOutput() {
  }

  static double fetchRate(List<String> output) {
    for (int i = 0; i < output.size() - 1; i++) {
      List<String> names = List.of(output.get(i).split(",\\s*"));
      int column = names.indexOf("fetch.nMsg.sec");
      if (column >= 0) {
        String[] values = output.get(i + 1).split(",\\s*");
        if (values.length > column) {
          return Double.parseDouble(values[column].trim());
        }
      }
    }
    throw new IllegalStateException("ConsumerPerformance printed no summary with fetch.nMsg.sec");
  }
}
