package io.sluice.bench;

import io.sluice.stack.process.ServerProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Samples the resident memory (RSS, from /proc) of named processes every few seconds while a
 * benchmark runs, and keeps the peak and the mean of each.
 */
public final class Footprint implements AutoCloseable {

  private final Supplier<Map<String, Long>> pids;
  private final Map<String, Stats> stats = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  /** Peak and mean RSS of one process, in MiB. */
  public record Usage(double peakMiB, double meanMiB, int samples) {
  }

  private static final class Stats {
    long peak;
    long sum;
    int samples;
  }

  /** {@code pids} is asked at every sample: processes may come and go (one generator per phase). */
  public Footprint(Supplier<Map<String, Long>> pids, long intervalMillis) {
    this.pids = pids;
    this.sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(intervalMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "sluice-bench-footprint");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    pids.get().forEach((name, pid) -> {
      long rss = ServerProcess.rssBytes(pid);
      if (rss > 0) {
        Stats s = stats.computeIfAbsent(name, n -> new Stats());
        synchronized (s) {
          s.peak = Math.max(s.peak, rss);
          s.sum += rss;
          s.samples++;
        }
      }
    });
  }

  /** Usage per process, by name. */
  public Map<String, Usage> usage() {
    Map<String, Usage> result = new LinkedHashMap<>();
    stats.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Stats s = e.getValue();
      synchronized (s) {
        result.put(e.getKey(), new Usage(s.peak / 1048576.0, s.sum / 1048576.0 / s.samples, s.samples));
      }
    });
    return result;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
