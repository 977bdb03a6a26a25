package io.sluice.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings one command understands, in the order its help lists them. Immutable: every
 * {@code with} returns a new definition, so shared groups of settings can be combined freely.
 */
public final class ConfigDef {

  private final Map<String, Setting<?>> settings;

  private ConfigDef(Map<String, Setting<?>> settings) {
    this.settings = Collections.unmodifiableMap(settings);
  }

  public static ConfigDef of(Setting<?>... settings) {
    return new ConfigDef(new LinkedHashMap<>()).with(settings);
  }

  public ConfigDef with(Setting<?>... more) {
    Map<String, Setting<?>> copy = new LinkedHashMap<>(settings);
    for (Setting<?> s : more) {
      Setting<?> previous = copy.putIfAbsent(s.name(), s);
      if (previous != null && previous != s) {
        throw new IllegalArgumentException("Setting " + s.name() + " is defined twice");
      }
    }
    return new ConfigDef(copy);
  }

  public ConfigDef with(ConfigDef other) {
    return with(other.settings.values().toArray(new Setting<?>[0]));
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
