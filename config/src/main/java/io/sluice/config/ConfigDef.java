package io.sluice.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings one command understands, in the order its help lists them. Immutable: every
 * {@code with} returns a new definition, so shared groups of settings can be combined freely.
 */
public final class ConfigDef {

  private final Map<String, Setting<?>> settings;
  private final Set<String> passthroughPrefixes;

  private ConfigDef(Map<String, Setting<?>> settings, Set<String> passthroughPrefixes) {
    this.settings = Collections.unmodifiableMap(settings);
    this.passthroughPrefixes = Collections.unmodifiableSet(passthroughPrefixes);
  }

  public static ConfigDef of(Setting<?>... settings) {
    return new ConfigDef(new LinkedHashMap<>(), new TreeSet<>()).with(settings);
  }

  /**
   * Config-file keys under {@code prefix} that are not declared settings are handed, unchecked, to a
   * client library that checks them itself ({@link Config#passthrough}), instead of being warned about.
   */
  public ConfigDef passingThrough(String prefix) {
    Set<String> prefixes = new TreeSet<>(passthroughPrefixes);
    prefixes.add(prefix);
    return new ConfigDef(new LinkedHashMap<>(settings), prefixes);
  }

  public boolean passesThrough(String key) {
    return passthroughPrefixes.stream().anyMatch(key::startsWith);
  }

  public ConfigDef with(Setting<?>... more) {
    Map<String, Setting<?>> copy = new LinkedHashMap<>(settings);
    for (Setting<?> s : more) {
      Setting<?> previous = copy.putIfAbsent(s.name(), s);
      if (previous != null && previous != s) {
        throw new IllegalArgumentException("Setting " + s.name() + " is defined twice");
      }
    }
    return new ConfigDef(copy, passthroughPrefixes);
  }

  public ConfigDef with(ConfigDef other) {
    ConfigDef merged = with(other.settings.values().toArray(new Setting<?>[0]));
    Set<String> prefixes = new TreeSet<>(passthroughPrefixes);
    prefixes.addAll(other.passthroughPrefixes);
    return new ConfigDef(new LinkedHashMap<>(merged.settings), prefixes);
  }

  public Collection<Setting<?>> settings() {
    return settings.values();
  }

  public Optional<Setting<?>> find(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  public boolean contains(Setting<?> setting) {
    return settings.get(setting.name()) == setting;
  }
}
