package io.sluice.config.cli;

import io.sluice.config.Config;
import io.sluice.config.Setting;
import io.sluice.config.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Help text derived from the declared commands and settings, so it cannot drift from the code. */
final class Help {

  private static final int WIDTH = 100;
  private static final int INDENT = 30;

  private Help() {
  }

  static String forGroup(String path, CommandGroup group) {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: ").append(path).append(" <command> [options]\n\n");
    sb.append(group.summary()).append("\n\nCommands:\n");
    for (Object child : group.children()) {
      row(sb, "  " + CommandGroup.nameOf(child), CommandGroup.summaryOf(child));
    }
    sb.append("\nRun '").append(path).append(" <command> --help' for a command's options.\n");
    return sb.toString();
  }

  static String forCommand(String path, Command command) {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: ").append(path).append(" [options]");
    if (!command.arguments().isEmpty()) {
      sb.append(' ').append(command.arguments());
    }
    sb.append("\n\n").append(String.join("\n", wrap(command.description(), WIDTH))).append("\n\nOptions:\n");
    for (Setting<?> s : command.settings().settings()) {
      String left = s.isSecret() ? "  (secret) " + s.name() : "  " + s.flag()
          + (s.type() == ValueType.BOOLEAN ? "" : " <" + s.type().name() + ">");
      row(sb, left, describe(s));
    }
    row(sb, "  " + Cli.CONFIG_FLAG + " <file>", "Read settings from a properties file, one 'Key=value' a line"
        + " (each option's Key is shown above). Env: " + Cli.CONFIG_ENV + ".");
    row(sb, "  -h, --help", "Show this help.");
    sb.append('\n').append(String.join("\n", wrap("Each option can also be set in the environment (Env) or the"
        + " config file (Key); flags win over the environment, which wins over the file.", WIDTH))).append('\n');
    return sb.toString();
  }

  private static <T> String describe(Setting<T> s) {
    StringBuilder text = new StringBuilder(s.doc());
    String allowed = s.validator().describe();
    if (!allowed.isEmpty()) {
      text.append(" Allowed: ").append(allowed).append('.');
    }
    if (s.required()) {
      text.append(" Required.");
    } else if (s.defaultValue() != null) {
      text.append(" Default: ").append(s.type().format(s.defaultValue())).append('.');
    }
    text.append(" Env: ").append(String.join(", ", s.envNames())).append(". Key: ").append(s.name()).append('.');
    if (s.isSecret()) {
      text.append(" No flag: a secret comes from the environment, from a file named by ").append(s.envNames().get(0))
          .append(Config.FILE_SUFFIX).append(" (any of the Env names + ").append(Config.FILE_SUFFIX)
          .append("), or from the config file.");
    }
    return text.toString();
  }

  private static void row(StringBuilder sb, String left, String text) {
    List<String> lines = wrap(text, WIDTH - INDENT);
    sb.append(left);
    if (left.length() >= INDENT - 1) {
      sb.append('\n').append(" ".repeat(INDENT));
    } else {
      sb.append(" ".repeat(INDENT - left.length()));
    }
    sb.append(String.join("\n" + " ".repeat(INDENT), lines)).append('\n');
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
