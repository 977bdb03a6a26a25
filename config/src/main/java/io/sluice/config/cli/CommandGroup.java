package io.sluice.config.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A named set of commands, such as {@code stack} with {@code up}, {@code down}, {@code status}, {@code env}. */
public final class CommandGroup {

  private final String name;
  private final String summary;
  private final Map<String, Object> children = new LinkedHashMap<>();

  public CommandGroup(String name, String summary) {
    this.name = name;
    this.summary = summary;
  }

  public CommandGroup add(Command command) {
    children.put(command.name(), command);
    return this;
  }

  public CommandGroup add(CommandGroup group) {
    children.put(group.name(), group);
    return this;
  }

  /** The command of that name directly in this group, if any. */
  public java.util.Optional<Command> command(String name) {
    Object child = children.get(name);
    return child instanceof Command c ? java.util.Optional.of(c) : java.util.Optional.empty();
  }

  public String name() {
    return name;
  }

  public String summary() {
    return summary;
  }

  /** Commands and groups, each a {@link Command} or a {@link CommandGroup}. */
  List<Object> children() {
    return List.copyOf(children.values());
  }

  Optional<Object> child(String childName) {
    return Optional.ofNullable(children.get(childName));
  }

  static String summaryOf(Object child) {
    return child instanceof Command ? ((Command) child).summary() : ((CommandGroup) child).summary();
  }

  static String nameOf(Object child) {
    return child instanceof Command ? ((Command) child).name() : ((CommandGroup) child).name();
  }
}
