package io.sluice.config;

import java.util.Arrays;
import java.util.List;

/**
 * A check of a parsed value. It describes itself for help text and throws
 * {@link IllegalArgumentException} with the reason when a value is out of bounds.
 */
public interface Validator<T> {

  void ensureValid(T value);

  String describe();

  static <T> Validator<T> none() {
    return new Validator<>() {
      @Override public void ensureValid(T value) { }
      @Override public String describe() { return ""; }
    };
  }

  static <N extends Number & Comparable<N>> Validator<N> between(N min, N max) {
    return new Validator<>() {
      @Override
      public void ensureValid(N value) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
          throw new IllegalArgumentException("must be between " + min + " and " + max);
        }
      }

      @Override
      public String describe() {
        return "[" + min + ".." + max + "]";
      }
    };
  }

  static <T extends Comparable<? super T>> Validator<T> atLeast(ValueType<T> type, T min) {
    return new Validator<>() {
      @Override
      public void ensureValid(T value) {
        if (value.compareTo(min) < 0) {
          throw new IllegalArgumentException("must be at least " + type.format(min));
        }
      }

      @Override
      public String describe() {
        return ">= " + type.format(min);
      }
    };
  }

  /** A TCP port, where 0 means "choose one" (each setting's documentation says how). */
  static Validator<Integer> port() {
    return between(0, 65535);
  }

  static Validator<String> oneOf(String... allowed) {
    List<String> values = Arrays.asList(allowed);
    return new Validator<>() {
      @Override
      public void ensureValid(String value) {
        if (!values.contains(value)) {
          throw new IllegalArgumentException("must be one of " + String.join(", ", values));
        }
      }

      @Override
      public String describe() {
        return String.join("|", values);
      }
    };
  }

  /** The value matches {@code regex}; {@code form} says how, for help and errors. */
  static Validator<String> matches(String regex, String form) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
    return new Validator<>() {
      @Override
      public void ensureValid(String value) {
        if (!pattern.matcher(value).matches()) {
          throw new IllegalArgumentException("'" + value + "' is not " + form);
        }
      }

      @Override
      public String describe() {
        return form;
      }
    };
  }

  /** Every element of a list matches {@code regex}; {@code form} says how, for help and errors. */
  static Validator<List<String>> eachMatches(String regex, String form) {
    Validator<String> each = matches(regex, form);
    return new Validator<>() {
      @Override
      public void ensureValid(List<String> values) {
        values.forEach(each::ensureValid);
      }

      @Override
      public String describe() {
        return form + "[,...]";
      }
    };
  }

  static Validator<String> nonEmpty() {
    return new Validator<>() {
      @Override
      public void ensureValid(String value) {
        if (value.isBlank()) {
          throw new IllegalArgumentException("must not be empty");
        }
      }

      @Override
      public String describe() {
        return "non-empty";
      }
    };
  }
}
