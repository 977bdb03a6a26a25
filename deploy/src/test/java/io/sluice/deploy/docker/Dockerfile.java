package io.sluice.deploy.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile as instructions (continuation lines joined), with the ARG defaults it declares. */
record Dockerfile(Path file, List<Instruction> instructions) {

  record Instruction(String keyword, String arguments, int stage) {
  }

  private static final Pattern ARG_DEFAULT = Pattern.compile("(\\w+)=(\\S+)");

  static Dockerfile parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int stage = -1;
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString().trim();
      current.setLength(0);
      int space = text.indexOf(' ');
      String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase();
      if (keyword.equals("FROM")) {
        stage++;
      }
      instructions.add(new Instruction(keyword, space < 0 ? "" : text.substring(space + 1).trim(), stage));
    }
    return new Dockerfile(file, instructions);
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  int lastStage() {
    return instructions.stream().mapToInt(Instruction::stage).max().orElse(0);
  }

  List<Instruction> finalStage(String keyword) {
    return all(keyword).stream().filter(i -> i.stage() == lastStage()).toList();
  }

  /** {@code ${NAME}} replaced by the ARG defaults of the file, and by {@code given} over them. */
  String expand(String text, Map<String, String> given) {
    java.util.Map<String, String> values = new java.util.HashMap<>();
    for (Instruction arg : all("ARG")) {
      Matcher m = ARG_DEFAULT.matcher(arg.arguments());
      if (m.matches()) {
        values.put(m.group(1), m.group(2));
      }
    }
    values.putAll(given);
    String result = text;
    for (Map.Entry<String, String> v : values.entrySet()) {
      result = result.replace("${" + v.getKey() + "}", v.getValue());
    }
    return result;
  }
}
