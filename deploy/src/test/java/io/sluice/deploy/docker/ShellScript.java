package io.sluice.deploy.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of our images' scripts and the environment it declares in its header: a block that starts
 * with "Environment read by this script" and lists one variable a line, "#   NAME  what it is".
 */
public final class ShellScript {

  private static final Pattern DECLARED = Pattern.compile("^#\\s{3}([A-Z][A-Z0-9_]+)\\s+(.*)$");
  private static final Pattern READ = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");

  private final Path file;
  private final Map<String, String> declared = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  public ShellScript(Path file) {
    this.file = file;
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean inHeader = false;
    for (String line : lines) {
      if (line.contains("Environment read by this script")) {
        inHeader = true;
        continue;
      }
      Matcher d = DECLARED.matcher(line);
      if (inHeader && d.matches()) {
        declared.put(d.group(1), d.group(2));
        continue;
      }
      inHeader = inHeader && line.startsWith("#   ");
      if (!line.trim().startsWith("#")) {
        Matcher r = READ.matcher(line);
        while (r.find()) {
          read.add(r.group(1));
        }
      }
    }
  }

  public Path file() {
    return file;
  }

  /** Every variable of the header, with its description. */
  public Map<String, String> declared() {
    return declared;
  }

  /** Variables the script's code reads. */
  public Set<String> read() {
    return read;
  }

  /** Declared as read by a program the script starts rather than by the script itself. */
  public boolean readByTheProgram(String name) {
    return declared.getOrDefault(name, "").startsWith("(read by ");
  }
}
