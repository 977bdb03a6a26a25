package io.sluice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.sluice.stack.StackEndpoints;
import io.sluice.stack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployed job does not create the keyspace it writes to: with {@code --cassandra-schema require}
 * and no keyspace, it stops before its query starts, naming the setting and the command that makes it.
 */
@ExtendWith(LocalStackExtension.class)
class KeyspacePolicyIT {

  @Test
  void aJobThatRequiresItsKeyspaceStopsNamingWhatIsMissingAndCreatesNothing(StackEndpoints stack) throws Exception {
    JobHarness pipeline = new JobHarness(stack, "require_keyspace");
    Process job = pipeline.startJob("campaign-window-counts", "--cassandra-schema", "require");

    assertThat(job.waitFor(3, TimeUnit.MINUTES)).as("the job stops by itself").isTrue();
    String log = Files.readString(JobHarness.LOGS.resolve(pipeline.topic + "-campaign-window-counts.log"));
    assertThat(job.exitValue()).as(log).isEqualTo(2);
    assertThat(log).contains("--cassandra-schema is require (flag --cassandra-schema), but keyspace "
        + pipeline.keyspace + " does not exist; create it with 'sluice migrate --cassandra-keyspace "
        + pipeline.keyspace);
    try (CqlSession session = pipeline.session()) {
      assertThat(session.execute("SELECT * FROM system_schema.keyspaces WHERE keyspace_name = ?", pipeline.keyspace)
          .one()).as("no keyspace created").isNull();
    }
  }
}
