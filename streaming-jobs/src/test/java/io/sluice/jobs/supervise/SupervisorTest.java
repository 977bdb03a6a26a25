package io.sluice.jobs.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import io.sluice.config.ConfigException;
import io.sluice.serde.registry.RegistryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private final List<Duration> waits = new ArrayList<>();
  private final AtomicInteger runs = new AtomicInteger();

  private Supervisor supervisor(int restarts) {
    return new Supervisor("test-job", restarts, Duration.ofSeconds(1), Duration.ofSeconds(5), waits::add);
  }

  /** A query that fails {@code times} times with {@code failure}, then runs to its end. */
  private Supervisor.Run failing(int times, Exception failure) {
    return () -> {
      if (runs.incrementAndGet() <= times) {
        throw failure;
      }
    };
  }

  @Test
  void aTransientFailureIsRestartedWithABackoffThatDoublesUpToItsMaximum() throws Exception {
    Exception brokerGone = new RuntimeException("query failed", new NotLeaderOrFollowerException("moved"));

    supervisor(5).run(failing(4, brokerGone));

    assertThat(runs).hasValue(5);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(5));
  }

  @Test
  void aPermanentFailureStopsAtOnce() {
    Exception badSetting = new IllegalStateException("run", new ConfigException("--trigger: bad"));

    assertThatThrownBy(() -> supervisor(5).run(failing(1, badSetting))).isSameAs(badSetting);
    assertThat(runs).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void moreTransientFailuresInARowThanTheAttemptsAllowEndTheRunWithTheLastOne() {
    Exception registryDown = new RuntimeException(new RegistryUnavailableException("down", null));

    assertThatThrownBy(() -> supervisor(2).run(failing(10, registryDown))).isSameAs(registryDown);
    assertThat(runs).hasValue(3);
    assertThat(waits).hasSize(2);
  }

  @Test
  void noRestartsMeansTheFirstFailureEndsTheRun() {
    Exception cassandraDown = new RuntimeException(AllNodesFailedException.fromErrors(Map.of()));

    assertThatThrownBy(() -> supervisor(0).run(failing(1, cassandraDown))).isSameAs(cassandraDown);
    assertThat(runs).hasValue(1);
  }

  @Test
  void theCauseChainDecidesAndALoopInItEndsTheSearch() {
    RuntimeException loop = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", loop);
    loop.initCause(b);

    assertThat(Failures.transientCause(loop)).isNull();
    assertThat(Failures.transientCause(new IllegalArgumentException("corrupt checkpoint"))).isNull();
    assertThat(Failures.transientCause(new RuntimeException(new java.net.ConnectException("refused"))))
        .isInstanceOf(java.net.ConnectException.class);
  }
}
