package io.sluice.query.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.SharedSettings;
import io.sluice.config.Validator;
import io.sluice.config.ValueType;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandFailedException;
import io.sluice.config.cli.Invocation;
import io.sluice.config.cli.UsageException;
import io.sluice.query.UniqueUsers;
import io.sluice.query.UniqueUsersQuery;
import io.sluice.schemas.cql.CassandraSessions;
import io.sluice.schemas.cql.CqlMigrator;
import io.sluice.schemas.sketch.UsersSketchFormat;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** {@code sluice query unique-users}: the distinct users of a campaign over a time range. */
public final class UniqueUsersCommand implements Command {

  public static final Setting<String> CAMPAIGN = Setting.builder("campaign", ValueType.STRING).required()
      .validator(Validator.matches("(?i)" + UniqueUsersQuery.CAMPAIGN_ID_REGEX, "a campaign id (a UUID)"))
      .doc("The campaign whose users are counted (a UUID; upper-case letters are read as lower-case).").build();
  public static final Setting<Instant> FROM = Setting.builder("from", ValueType.INSTANT).required()
      .doc("Start of the range (inclusive): ISO-8601 (2026-12-01T00:00:00Z) or epoch milliseconds.").build();
  public static final Setting<Instant> TO = Setting.builder("to", ValueType.INSTANT).required()
      .doc("End of the range (exclusive), in the same forms; only minutes wholly inside the range count.").build();
  public static final Setting<String> FORMAT = Setting.builder("format", ValueType.STRING).defaultValue("text")
      .validator(Validator.oneOf("text", "json")).doc("text for people, json (one object) for scripts.").build();

  @Override
  public String name() {
    return "unique-users";
  }

  @Override
  public String summary() {
    return "Distinct users of a campaign over a time range, merged from the stored minute sketches.";
  }

  @Override
  public String description() {
    return summary() + " Each UTC day of the range is one single-partition read of campaign_minute_stats, so any"
        + " length (an hour, a month) is cheap. The sketches are DataSketches HLL (lgConfigK "
        + UsersSketchFormat.LG_CONFIG_K + ", " + UsersSketchFormat.TARGET_TYPE + "): the bounds printed are "
        + UsersSketchFormat.BOUND_STANDARD_DEVIATIONS + " standard deviations (about 95%).";
  }

  @Override
  public ConfigDef settings() {
    return SharedSettings.CASSANDRA.with(CAMPAIGN, FROM, TO, FORMAT);
  }

  @Override
  public int run(Invocation inv) {
    Config config = inv.config();
    String campaign = config.get(CAMPAIGN).toLowerCase(Locale.ROOT);
    Instant from = config.get(FROM);
    Instant to = config.get(TO);
    if (!from.isBefore(to)) {
      throw new UsageException("--from (" + from + ") must be before --to (" + to + ")");
    }
    String keyspace = config.get(SharedSettings.CASSANDRA_KEYSPACE);
    UniqueUsers users;
    try (CqlSession session = CassandraSessions.open(config)) {
      // A keyspace without the sketch column would fail with the driver's "Undefined column" instead.
      new CqlMigrator(session, keyspace, 1, config.get(SharedSettings.CASSANDRA_LOCAL_DC), message -> { }).verify();
      users = new UniqueUsersQuery(session, keyspace).between(campaign, from, to);
    } catch (IllegalStateException e) {
      throw new CommandFailedException(e.getMessage(), e);
    } catch (DriverException e) {
      throw new CommandFailedException("Cassandra at " + config.get(SharedSettings.CASSANDRA_CONTACT_POINTS)
          + " (" + config.origin(SharedSettings.CASSANDRA_CONTACT_POINTS) + "), keyspace " + keyspace + ": "
          + e.getMessage(), e);
    }
    if (config.get(FORMAT).equals("json")) {
      inv.out().println(json(users));
    } else {
      text(users, inv.out());
    }
    return 0;
  }

  static String json(UniqueUsers users) {
    // Every value is a number, a validated campaign id or an ISO instant: nothing to escape.
    return "{\"campaign_id\":\"" + users.campaignId() + "\",\"from\":\"" + users.from() + "\",\"to\":\""
        + users.to() + "\",\"unique_users\":" + users.estimate() + ",\"lower_bound\":" + users.lowerBound()
        + ",\"upper_bound\":" + (users.complete() ? Long.toString(users.upperBound()) : "null")
        + ",\"windows\":" + users.windows() + ",\"windows_without_sketch\":" + users.windowsWithoutSketch()
        + ",\"complete\":" + users.complete() + ",\"confidence_standard_deviations\":"
        + UsersSketchFormat.BOUND_STANDARD_DEVIATIONS + "}";
  }

  static void text(UniqueUsers users, PrintStream out) {
    out.printf("campaign %s, %s to %s%n", users.campaignId(), users.from(), users.to());
    if (users.windows() == 0 && users.complete()) {
      out.println("unique users: 0 (no minute of this campaign is stored in this range)");
      return;
    }
    if (users.complete()) {
      out.printf("unique users: %,d (between %,d and %,d at %d standard deviations)%n", users.estimate(),
          users.lowerBound(), users.upperBound(), UsersSketchFormat.BOUND_STANDARD_DEVIATIONS);
    } else {
      out.printf("unique users: at least %,d (%,d minutes of the range were written before sketches were kept,"
          + " and could not be merged)%n", users.lowerBound(), users.windowsWithoutSketch());
    }
    out.printf("minutes merged: %,d%n", users.windows());
  }
}
