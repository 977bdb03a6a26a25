package io.sluice.deploy.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** .dockerignore rules, applied as Docker does: the last rule that matches a path decides. */
final class DockerIgnore {

  private record Rule(Pattern pattern, boolean include) {
  }

  private final List<Rule> rules = new ArrayList<>();

  DockerIgnore(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      String rule = line.trim();
      if (rule.isEmpty() || rule.startsWith("#")) {
        continue;
      }
      boolean include = rule.startsWith("!");
      String glob = (include ? rule.substring(1) : rule).replaceAll("/+$", "");
      rules.add(new Rule(Pattern.compile(toRegex(glob) + "(/.*)?"), include));
    }
  }

  /** Whether the build context holds {@code path} (relative, with '/'). */
  boolean sends(String path) {
    boolean sent = true;
    for (Rule rule : rules) {
      if (rule.pattern().matcher(path).matches()) {
        sent = rule.include();
      }
    }
    return sent;
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
