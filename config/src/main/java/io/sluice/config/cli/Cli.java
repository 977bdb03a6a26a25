package io.sluice.config.cli;

import io.sluice.config.Config;
import io.sluice.config.ConfigDef;
import io.sluice.config.ConfigException;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a tree of commands from {@code main}: finds the command, answers {@code --help}, parses
 * flags against the command's {@link ConfigDef}, and turns every kind of bad input into one
 * clear line on standard error and a non-zero exit code (2 for usage, 1 for failures).
 */
public final class Cli {

  /** The config file, for every command. Keys in it are setting names. */
  public static final String CONFIG_FLAG = "--config";
  public static final String CONFIG_ENV = "SLUICE_CONFIG";
  /** Set to print the stack trace of unexpected errors. */
  public static final String DEBUG_ENV = "SLUICE_DEBUG";

  private final CommandGroup root;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  public Cli(CommandGroup root, Map<String, String> env, PrintStream out, PrintStream err) {
    this.root = root;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Runs with the process environment and exits the JVM with the command's exit code. */
  public static void main(CommandGroup root, String[] args) {
    int code = new Cli(root, System.getenv(), System.out, System.err).run(args);
    System.out.flush();
    System.exit(code);
  }

  public int run(String... args) {
    List<String> rest = new ArrayList<>(List.of(args));
    Object node = root;
    String path = root.name();
    while (node instanceof CommandGroup) {
      CommandGroup group = (CommandGroup) node;
      if (rest.isEmpty() || isHelp(rest.get(0))) {
        out.print(Help.forGroup(path, group));
        return rest.isEmpty() ? 2 : 0;
      }
      String name = rest.remove(0);
      Optional<Object> child = group.child(name);
      if (child.isEmpty()) {
        return usageError(path, "unknown command '" + name + "'. Commands: "
            + group.children().stream().map(CommandGroup::nameOf).collect(Collectors.joining(", ")));
      }
      node = child.get();
      path = path + " " + name;
    }
    return runCommand(path, (Command) node, rest);
  }

  private int runCommand(String path, Command command, List<String> args) {
    try {
      ParsedArgs parsed = ParsedArgs.parse(command.settings(), args);
      if (parsed.help) {
        out.print(Help.forCommand(path, command));
        return 0;
      }
      if (command.arguments().isEmpty() && !parsed.positionals.isEmpty()) {
        throw new UsageException("unexpected argument '" + parsed.positionals.get(0) + "'");
      }
      Path file = parsed.configFile != null ? parsed.configFile
          : env.containsKey(CONFIG_ENV) ? Path.of(env.get(CONFIG_ENV)) : null;
      Config config = Config.resolve(command.settings(), new Config.Sources(parsed.flags, env, file));
      config.warnings().forEach(w -> err.println(path + ": warning: " + w));
      return command.run(new Invocation(path, config, parsed.positionals, out, err));
    } catch (UsageException | ConfigException e) {
      return usageError(path, e.getMessage());
    } catch (CommandFailedException e) {
      err.println(path + ": " + e.getMessage());
      return e.exitCode();
    } catch (Exception e) {
      // Messages of I/O, client and server errors say enough; the trace is for bugs, on request.
      err.println(path + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      if (env.containsKey(DEBUG_ENV)) {
        e.printStackTrace(err);
      } else {
        err.println("(" + e.getClass().getName() + "; set " + DEBUG_ENV + "=1 for the stack trace)");
      }
      return 1;
    }
  }

  private int usageError(String path, String message) {
    err.println(path + ": " + message);
    err.println("See '" + path + " --help'.");
    return 2;
  }

  private static boolean isHelp(String arg) {
    return "--help".equals(arg) || "-h".equals(arg);
  }

  /** Flags mapped to setting names, positional arguments, and the built-in options. */
  static final class ParsedArgs {
    final Map<String, String> flags = new LinkedHashMap<>();
    final List<String> positionals = new ArrayList<>();
    boolean help;
    Path configFile;

    static ParsedArgs parse(ConfigDef def, List<String> args) {
      ParsedArgs parsed = new ParsedArgs();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if ("--".equals(arg)) {
          parsed.positionals.addAll(args.subList(i + 1, args.size()));
          break;
        }
        if (isHelp(arg)) {
          parsed.help = true;
          continue;
        }
        if (!arg.startsWith("--") || arg.length() == 2) {
          parsed.positionals.add(arg);
          continue;
        }
        int eq = arg.indexOf('=');
        String flag = eq < 0 ? arg : arg.substring(0, eq);
        String inlineValue = eq < 0 ? null : arg.substring(eq + 1);
        if (CONFIG_FLAG.equals(flag)) {
          String value = inlineValue != null ? inlineValue : valueAfter(args, i++, flag);
          parsed.configFile = Path.of(value);
          continue;
        }
        Setting<?> setting = settingFor(def, flag);
        if (setting.isSecret()) {
          // Any user of the machine can read a process's arguments; a secret must not be one.
          throw new UsageException("option " + flag + " is a secret and is not taken on the command line: set "
              + setting.envNames().get(setting.envNames().size() - 1) + " (or "
              + setting.envNames().get(setting.envNames().size() - 1) + Config.FILE_SUFFIX
              + " naming a file), or put " + setting.name() + " in the config file");
        }
        String value;
        if (inlineValue != null) {
          value = inlineValue;
        } else if (setting.type() == ValueType.BOOLEAN) {
          // --flag alone means true; "--flag false" is read as the user meant it.
          boolean explicit = i + 1 < args.size() && args.get(i + 1).matches("true|false");
          value = explicit ? args.get(++i) : "true";
        } else {
          value = valueAfter(args, i++, flag);
        }
        parsed.flags.put(setting.name(), value);
      }
      return parsed;
    }

    private static Setting<?> settingFor(ConfigDef def, String flag) {
      for (Setting<?> s : def.settings()) {
        if (s.flag().equals(flag)) {
          return s;
        }
      }
      String hint = Suggestions.closestFlag(def, flag).map(s -> " Did you mean " + s.flag() + "?").orElse("");
      throw new UsageException("unknown option " + flag + "." + hint);
    }

    private static String valueAfter(List<String> args, int index, String flag) {
      if (index + 1 >= args.size()) {
        throw new UsageException("option " + flag + " needs a value");
      }
      return args.get(index + 1);
    }
  }
}
