package io.sluice.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.config.ConfigDef;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import io.sluice.config.Validator;
import io.sluice.config.cli.Cli;
import io.sluice.config.cli.Command;
import io.sluice.config.cli.CommandGroup;
import io.sluice.config.cli.Invocation;
import io.sluice.config.cli.UsageException;
import io.sluice.deploy.marathon.ManifestSchema;
import io.sluice.deploy.marathon.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sluice marathon render|validate}: the deployment's Marathon group, per environment profile. */
public final class DeployCommands {

  static final Setting<Path> MARATHON_DIR = Setting.builder("marathon-dir", ValueType.PATH)
      .defaultValue(Path.of(System.getProperty("sluice.home", "."), "marathon"))
      .doc("Folder of sluice.json, profiles/ and schema/.").build();

  private DeployCommands() {
  }

  public static CommandGroup group() {
    return new CommandGroup("sluice", "Sluice command line.").add(
        new CommandGroup("marathon", "Marathon manifests of the whole deployment.")
            .add(new Render()).add(new Validate()));
  }

  public static void main(String[] args) {
    Cli.main(group(), args);
  }

  /** {@code sluice marathon render --profile P}. */
  static final class Render implements Command {
    static final Setting<String> PROFILE = Setting.builder("profile", ValueType.STRING).required()
        .validator(Validator.nonEmpty()).doc("Environment profile: a file profiles/NAME.properties (dev, prod).")
        .build();
    static final Setting<Path> OUTPUT = Setting.builder("output", ValueType.PATH)
        .doc("Write the group here instead of standard output.").build();
    static final Setting<String> TEMPLATE = Setting.builder("template", ValueType.STRING)
        .defaultValue(Manifests.TEMPLATE).validator(Validator.oneOf(Manifests.TEMPLATE, Manifests.BACKFILL_TEMPLATE))
        .doc(Manifests.TEMPLATE + ": the whole deployment, the /sluice group. " + Manifests.BACKFILL_TEMPLATE
            + ": a one-off backfill of one job, the /sluice-backfill group (give --set backfill.job=JOB,"
            + "backfill.from=TIME,backfill.to=TIME).").build();
    static final Setting<List<String>> SET = Setting.builder("set", ValueType.listOf(ValueType.STRING))
        .defaultValue(List.of()).validator(new Validator<>() {
          @Override
          public void ensureValid(List<String> values) {
            values.forEach(v -> {
              if (!v.matches("[\\w.-]+=.*")) {
                throw new IllegalArgumentException("'" + v + "' is not key=value");
              }
            });
          }

          @Override
          public String describe() {
            return "key=value[,key=value...]";
          }
        })
        .doc("Values added to the profile's, and winning over them, such as the range of a backfill.").build();

    @Override
    public String name() {
      return "render";
    }

    @Override
    public String summary() {
      return "Render the /sluice group for a profile into the JSON Marathon takes (POST /v2/groups).";
    }

    @Override
    public String description() {
      return summary() + " The result is checked against Marathon's app and group definition first (unknown"
          + " fields, types, enums): an invalid group is never printed.";
    }

    @Override
    public ConfigDef settings() {
      return ConfigDef.of(PROFILE, OUTPUT, TEMPLATE, SET, MARATHON_DIR);
    }

    @Override
    public int run(Invocation inv) throws Exception {
      Map<String, String> values = new LinkedHashMap<>();
      for (String pair : inv.config().get(SET)) {
        values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      JsonNode group = new Manifests(inv.config().get(MARATHON_DIR))
          .render(inv.config().get(TEMPLATE), inv.config().get(PROFILE), values);
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(group) + "\n";
      Path output = inv.config().get(OUTPUT);
      if (output == null) {
        inv.out().print(json);
      } else {
        Files.writeString(output, json);
        inv.err().println("Wrote the '" + inv.config().get(PROFILE) + "' " + group.get("id").asText() + " group ("
            + group.get("apps").size()
            + " apps) to " + output);
      }
      return 0;
    }
  }

  /** {@code sluice marathon validate FILE...}. */
  static final class Validate implements Command {
    @Override
    public String name() {
      return "validate";
    }

    @Override
    public String summary() {
      return "Check Marathon group files against the app and group definition Sluice keeps (unknown fields are"
          + " errors).";
    }

    @Override
    public String arguments() {
      return "FILE...";
    }

    @Override
    public ConfigDef settings() {
      return ConfigDef.of(MARATHON_DIR);
    }

    @Override
    public int run(Invocation inv) throws Exception {
      if (inv.arguments().isEmpty()) {
        throw new UsageException("give one or more group files");
      }
      ManifestSchema schema = ManifestSchema.load(inv.config().get(MARATHON_DIR).resolve("schema")
          .resolve("marathon.schema.json"));
      int invalid = 0;
      for (String file : inv.arguments()) {
        List<String> problems = schema.validate(new ObjectMapper().readTree(Path.of(file).toFile()));
        if (problems.isEmpty()) {
          inv.out().println(file + ": valid");
        } else {
          invalid++;
          inv.out().println(file + ": " + problems.size() + " problem(s)");
          problems.forEach(p -> inv.out().println("  " + p));
        }
      }
      return invalid == 0 ? 0 : 1;
    }
  }
}
