package io.sluice.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolved values of a {@link ConfigDef}. For each setting the first of these wins: a flag, an
 * environment variable, the config file, the default. Every value has been parsed and checked,
 * so {@link #get} never fails for a defined setting.
 */
public final class Config {

  /** Where settings can come from, before they are resolved. */
  public static final class Sources {
    private final Map<String, String> flags;
    private final Map<String, String> env;
    private final Path file;

    public Sources(Map<String, String> flags, Map<String, String> env, Path file) {
      this.flags = Map.copyOf(flags);
      this.env = Map.copyOf(env);
      this.file = file;
    }

    public static Sources none() {
      return new Sources(Map.of(), Map.of(), null);
    }
  }

  private final Map<String, Object> values;
  private final Map<String, String> origins;
  private final List<String> warnings;
  private final Map<String, String> passthrough;

  private Config(Map<String, Object> values, Map<String, String> origins, List<String> warnings,
                 Map<String, String> passthrough) {
    this.values = values;
    this.origins = origins;
    this.warnings = Collections.unmodifiableList(warnings);
    this.passthrough = Collections.unmodifiableMap(passthrough);
  }

  /** The environment variable that names a file holding a secret setting: {@code KAFKA_SASL_PASSWORD_FILE}. */
  public static final String FILE_SUFFIX = "_FILE";

  public static Config resolve(ConfigDef def, Sources sources) {
    Properties fileProps = load(sources.file);
    String fileOrigin = sources.file == null ? null : "config file " + sources.file;
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (Setting<?> setting : def.settings()) {
      resolveOne(setting, sources, fileProps, fileOrigin, values, origins);
    }
    List<String> warnings = new ArrayList<>();
    Map<String, String> passthrough = new LinkedHashMap<>();
    for (String key : fileProps.stringPropertyNames()) {
      if (def.find(key).isPresent()) {
        continue;
      }
      if (def.passesThrough(key)) {
        passthrough.put(key, fileProps.getProperty(key));
      } else {
        warnings.add("Ignoring '" + key + "' in " + sources.file + ": not a setting of this command");
      }
    }
    return new Config(values, origins, warnings, passthrough);
  }

  /** Defaults only, with some values overridden: for code and tests that build a config directly. */
  public static Config of(ConfigDef def, Map<Setting<?>, ?> overrides) {
    Map<String, String> flags = new LinkedHashMap<>();
    overrides.forEach((s, v) -> flags.put(s.name(), format(s, v)));
    return resolve(def, new Sources(flags, Map.of(), null));
  }

  @SuppressWarnings("unchecked")
  private static <T> String format(Setting<T> setting, Object value) {
    return setting.type().format((T) value);
  }

  private static <T> void resolveOne(Setting<T> setting, Sources sources, Properties file, String fileOrigin,
                                     Map<String, Object> values, Map<String, String> origins) {
    String text = sources.flags.get(setting.name());
    String origin = "flag " + setting.flag();
    if (text == null) {
      for (String envName : setting.envNames()) {
        if (sources.env.containsKey(envName)) {
          text = sources.env.get(envName);
          origin = "environment " + envName;
          break;
        }
        if (setting.isSecret() && sources.env.containsKey(envName + FILE_SUFFIX)) {
          Path secretFile = Path.of(sources.env.get(envName + FILE_SUFFIX));
          text = readSecretFile(setting, secretFile, envName + FILE_SUFFIX);
          origin = "file " + secretFile + " (environment " + envName + FILE_SUFFIX + ")";
          break;
        }
      }
    }
    if (text == null && file.containsKey(setting.name())) {
      text = file.getProperty(setting.name());
      origin = fileOrigin;
    }
    if (text != null) {
      values.put(setting.name(), setting.parse(text, origin));
      origins.put(setting.name(), origin);
    } else if (setting.required() && setting.isSecret()) {
      // A secret has no flag; its own variable (the last one declared) is the one to name.
      String env = setting.envNames().get(setting.envNames().size() - 1);
      throw new ConfigException("Missing required secret setting " + setting.name() + ": set " + env + ", or "
          + env + FILE_SUFFIX + " to a file holding it, or put " + setting.name() + " in the config file");
    } else if (setting.required()) {
      throw new ConfigException("Missing required setting " + setting.name() + ": give " + setting.flag()
          + ", set " + setting.envNames().get(0) + ", or put " + setting.name() + " in the config file");
    } else {
      values.put(setting.name(), setting.defaultValue());
      origins.put(setting.name(), "default");
    }
  }

  /**
   * A secret may also come from a file named by {@code <ENV>_FILE}, as container platforms mount
   * them (Marathon and Docker secrets); one trailing newline is not part of the secret.
   */
  private static String readSecretFile(Setting<?> setting, Path file, String envName) {
    try {
      String text = Files.readString(file);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } catch (IOException e) {
      throw new ConfigException("Cannot read the file of secret setting " + setting.name() + " named by " + envName
          + ": " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Keys of the config file that start with {@code prefix} and are not settings of this command,
   * with the prefix removed: client properties passed through under their own names, such as
   * {@code kafka.ssl.endpoint.identification.algorithm}.
   */
  public Map<String, String> passthrough(String prefix) {
    Map<String, String> props = new LinkedHashMap<>();
    passthrough.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        props.put(key.substring(prefix.length()), value);
      }
    });
    return props;
  }

  private static Properties load(Path file) {
    Properties props = new Properties();
    if (file == null) {
      return props;
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Config file " + file + " does not exist or is not a file");
    }
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
    }
    return props;
  }

  /**
   * The given values of {@code def}'s settings, as a serializable value that a Spark executor can carry
   * and {@linkplain Snapshot#resolve resolve} again. Its {@code toString} shows no value.
   */
  public Snapshot snapshot(ConfigDef def) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Setting<?> setting : def.settings()) {
      Object value = values.get(setting.name());
      if (value != null) {
        texts.put(setting.name(), format(setting, value));
      }
    }
    return new Snapshot(texts, passthrough);
  }

  /** See {@link #snapshot}. */
  public static final class Snapshot implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> texts;
    private final Map<String, String> passthrough;

    private Snapshot(Map<String, String> texts, Map<String, String> passthrough) {
      this.texts = new LinkedHashMap<>(texts);
      this.passthrough = new LinkedHashMap<>(passthrough);
    }

    public Config resolve(ConfigDef def) {
      Config config = Config.resolve(def, new Sources(texts, Map.of(), null));
      Map<String, String> kept = new LinkedHashMap<>();
      passthrough.forEach((k, v) -> {
        if (def.passesThrough(k)) {
          kept.put(k, v);
        }
      });
      return new Config(config.values, config.origins, List.of(), kept);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Snapshot && ((Snapshot) o).texts.equals(texts) && ((Snapshot) o).passthrough.equals(passthrough);
    }

    @Override
    public int hashCode() {
      return texts.hashCode() * 31 + passthrough.hashCode();
    }

    @Override
    public String toString() {
      return "Config.Snapshot" + texts.keySet();
    }
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    if (!values.containsKey(setting.name())) {
      throw new IllegalArgumentException("Setting " + setting.name() + " is not defined for this command");
    }
    return (T) values.get(setting.name());
  }

  /** True when the user gave the value (flag, environment or file) rather than leaving the default. */
  public boolean isExplicit(Setting<?> setting) {
    return !"default".equals(origin(setting));
  }

  /** Where the value came from: {@code flag --x}, {@code environment X}, {@code config file F} or {@code default}. */
  public String origin(Setting<?> setting) {
    return origins.get(setting.name());
  }

  /** Problems that did not stop resolution, such as unknown keys in the config file. */
  public List<String> warnings() {
    return warnings;
  }
}
