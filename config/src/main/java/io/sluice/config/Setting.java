package io.sluice.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting, declared once: its name (the key in a config file), type, default, check and
 * documentation. The command-line flag and environment variable are derived from the name
 * ({@code kafka.port} is {@code --kafka-port} and {@code SLUICE_KAFKA_PORT}); a setting may
 * also answer to further, conventional environment names such as {@code KAFKA_BOOTSTRAP_SERVERS}.
 * Instances are immutable; build them with {@link #builder(String, ValueType)}.
 */
public final class Setting<T> {

  private final String name;
  private final ValueType<T> type;
  private final T defaultValue;
  private final boolean required;
  private final Validator<? super T> validator;
  private final String doc;
  private final List<String> envNames;

  private Setting(Builder<T> b) {
    this.name = b.name;
    this.type = b.type;
    this.defaultValue = b.defaultValue;
    this.required = b.required;
    this.validator = b.validator;
    this.doc = b.doc;
    List<String> env = new ArrayList<>();
    env.add("SLUICE_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    env.addAll(b.extraEnvNames);
    this.envNames = Collections.unmodifiableList(env);
  }

  public static <T> Builder<T> builder(String name, ValueType<T> type) {
    return new Builder<>(name, type);
  }

  public String name() {
    return name;
  }

  public ValueType<T> type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public boolean required() {
    return required;
  }

  public String doc() {
    return doc;
  }

  public Validator<? super T> validator() {
    return validator;
  }

  /** A password or key: never taken from a flag, never printed. */
  public boolean isSecret() {
    return type == ValueType.SECRET;
  }

  public String flag() {
    return "--" + name.replace('.', '-');
  }

  /** Environment variables read for this setting, the first one found wins. */
  public List<String> envNames() {
    return envNames;
  }

  /** Parses and checks one textual value; the exception names the setting and where the value came from. */
  T parse(String text, String origin) {
    T value;
    try {
      value = type.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(this, text, origin, e.getMessage());
    }
    check(value, origin);
    return value;
  }

  void check(T value, String origin) {
    try {
      validator.ensureValid(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(this, type.format(value), origin, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Builder of an immutable {@link Setting}. */
  public static final class Builder<T> {
    private final String name;
    private final ValueType<T> type;
    private T defaultValue;
    private boolean required;
    private Validator<? super T> validator = Validator.none();
    private String doc = "";
    private final List<String> extraEnvNames = new ArrayList<>();

    private Builder(String name, ValueType<T> type) {
      if (!name.matches("[a-z][a-z0-9]*([.-][a-z0-9]+)*")) {
        throw new IllegalArgumentException("Setting names are lower case words joined by dots or dashes: " + name);
      }
      this.name = name;
      this.type = Objects.requireNonNull(type);
    }

    public Builder<T> defaultValue(T value) {
      this.defaultValue = value;
      return this;
    }

    /** No default: the command fails, naming the setting, unless a value is given. */
    public Builder<T> required() {
      this.required = true;
      return this;
    }

    public Builder<T> validator(Validator<? super T> validator) {
      this.validator = Objects.requireNonNull(validator);
      return this;
    }

    public Builder<T> doc(String doc) {
      this.doc = Objects.requireNonNull(doc);
      return this;
    }

    /** A further environment variable that sets this value, e.g. one printed by {@code sluice stack env}. */
    public Builder<T> alsoFromEnv(String envName) {
      this.extraEnvNames.add(envName);
      return this;
    }

    public Setting<T> build() {
      Setting<T> setting = new Setting<>(this);
      if (defaultValue != null) {
        setting.check(defaultValue, "default");
      }
      return setting;
    }
  }
}
