package io.sluice.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How the text of a setting (from a flag, the environment or a file) becomes a typed value.
 * Each type describes itself, so that help and error messages can say what is expected.
 */
public final class ValueType<T> {

  public static final ValueType<String> STRING = of("text", Function.identity(), Object::toString);
  public static final ValueType<Integer> INT = of("int", Integer::valueOf, Object::toString);
  public static final ValueType<Long> LONG = of("long", Long::valueOf, Object::toString);
  public static final ValueType<Double> DOUBLE = of("number", Double::valueOf, ValueType::formatDouble);
  public static final ValueType<Instant> INSTANT = of("instant", ValueType::parseInstant, Instant::toString);
  public static final ValueType<Boolean> BOOLEAN = of("true|false", ValueType::parseBoolean, Object::toString);
  public static final ValueType<Path> PATH = of("path", Path::of, Object::toString);
  public static final ValueType<Duration> DURATION = of("duration", ValueType::parseDuration, ValueType::formatDuration);
  /** Memory sizes as the JVM writes them: 512m, 1g, 64k. */
  public static final ValueType<String> MEMORY_SIZE = of("size", ValueType::parseMemorySize, Object::toString);
  /**
   * Passwords and keys. A setting of this type takes no command-line flag (others could read it with
   * {@code ps}); it comes from the environment, a {@code <ENV>_FILE} file, or the config file.
   */
  public static final ValueType<Secret> SECRET = of("secret", Secret::of, Secret::reveal);

  private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern MEMORY_PATTERN = Pattern.compile("\\d+[kmgKMG]?");

  private final String name;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;

  private ValueType(String name, Function<String, T> parser, Function<T, String> formatter) {
    this.name = name;
    this.parser = parser;
    this.formatter = formatter;
  }

  public static <T> ValueType<T> of(String name, Function<String, T> parser, Function<T, String> formatter) {
    return new ValueType<>(name, parser, formatter);
  }

  /** A type whose values are the constants of an enum, written in lower case with dashes. */
  public static <E extends Enum<E>> ValueType<E> enumOf(Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(ValueType::enumName).collect(Collectors.toList());
    return of(String.join("|", names), text -> {
      for (E constant : type.getEnumConstants()) {
        if (enumName(constant).equalsIgnoreCase(text.trim()) || constant.name().equalsIgnoreCase(text.trim())) {
          return constant;
        }
      }
      throw new IllegalArgumentException("must be one of " + String.join(", ", names));
    }, ValueType::enumName);
  }

  /** Comma-separated values of {@code element}, such as {@code 10000,25000,50000}; never empty. */
  public static <T> ValueType<List<T>> listOf(ValueType<T> element) {
    return of(element.name() + "[,...]", text -> {
      List<T> values = new java.util.ArrayList<>();
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          values.add(element.parse(part));
        }
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException("needs at least one " + element.name());
      }
      return List.copyOf(values);
    }, values -> values.stream().map(element::format).collect(Collectors.joining(",")));
  }

  public static String enumName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The name shown in help, e.g. {@code <int>}. */
  public String name() {
    return name;
  }

  public T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a valid " + name);
    }
  }

  public String format(T value) {
    return value == null ? "" : formatter.apply(value);
  }

  private static String formatDouble(Double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
  }

  /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or epoch milliseconds. */
  private static Instant parseInstant(String text) {
    if (text.matches("-?\\d+")) {
      return Instant.ofEpochMilli(Long.parseLong(text));
    }
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an instant (example: 2026-01-01T00:00:00Z, or epoch milliseconds)");
    }
  }

  private static Boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "1": return Boolean.TRUE;
      case "false": case "no": case "0": return Boolean.FALSE;
      default: throw new IllegalArgumentException("must be true or false");
    }
  }

  /** Accepts {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} and ISO-8601 ({@code PT30S}). */
  static Duration parseDuration(String text) {
    Matcher m = DURATION_PATTERN.matcher(text);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": return Duration.ofMillis(amount);
        case "s": return Duration.ofSeconds(amount);
        case "m": return Duration.ofMinutes(amount);
        case "h": return Duration.ofHours(amount);
        default: return Duration.ofDays(amount);
      }
    }
    try {
      return Duration.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration (examples: 500ms, 30s, 5m, 1h)");
    }
  }

  static String formatDuration(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long seconds = d.getSeconds();
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static String parseMemorySize(String text) {
    if (!MEMORY_PATTERN.matcher(text).matches()) {
      throw new IllegalArgumentException("not a memory size (examples: 256m, 1g)");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name;
  }
}
