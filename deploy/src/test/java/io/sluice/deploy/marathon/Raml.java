package io.sluice.deploy.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Marathon's RAML 1.0 type libraries, read as the YAML they are: just what it takes to hold a JSON
 * Schema against them (named types across {@code uses:}, inheritance, {@code X[]}, {@code A | B},
 * optional {@code name?} properties). A type is named {@code file#Type}, e.g. {@code app.raml#App}.
 */
final class Raml {

  /** A type expression together with the file it is written in, which decides what its prefixes mean. */
  record Ref(JsonNode decl, String file) {}

  /** A type with its inheritance applied. {@code base} is a RAML built-in type. */
  record Resolved(String base, Map<String, JsonNode> facets, Map<String, Property> properties, Ref items) {}

  /** {@code required} as written: no {@code ?} suffix, no {@code required: false}, not a {@code /regex/}. */
  record Property(Ref type, boolean required) {}

  private static final Set<String> BUILT_INS =
      Set.of("any", "object", "array", "string", "number", "integer", "boolean", "nil", "datetime",
          "datetime-only", "date-only", "time-only", "file");
  /** Keys of a type declaration that are no constraint on values. */
  private static final Set<String> NOT_FACETS =
      Set.of("type", "properties", "items", "description", "example", "examples", "usage", "displayName");

  private final Map<String, JsonNode> libraries;

  private Raml(Map<String, JsonNode> libraries) {
    this.libraries = libraries;
  }

  static Raml load(Path dir) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, JsonNode> libraries = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".raml")).toList()) {
        libraries.put(file.getFileName().toString(), yaml.readTree(file.toFile()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Raml(libraries);
  }

  boolean exists(String qualifiedName) {
    String[] fileAndType = qualifiedName.split("#", 2);
    return libraries.containsKey(fileAndType[0]) && libraries.get(fileAndType[0]).path("types").has(fileAndType[1]);
  }

  Ref named(String qualifiedName) {
    return new Ref(TextNode.valueOf(qualifiedName.split("#", 2)[1]), qualifiedName.split("#", 2)[0]);
  }

  /** The alternatives of a union, each still unresolved (so a named one keeps its name); else just {@code ref}. */
  List<Ref> alternatives(Ref ref) {
    String text = typeText(ref);
    if (text == null) {
      return List.of(ref);
    }
    if (text.contains("|")) {
      return Arrays.stream(text.split("\\|"))
          .flatMap(alternative -> alternatives(new Ref(TextNode.valueOf(alternative.trim()), ref.file())).stream())
          .toList();
    }
    if (ref.decl().isTextual() && isName(text)) {
      Ref definition = definition(text, ref.file());
      return alternatives(definition).size() > 1 ? alternatives(definition) : List.of(ref);
    }
    return List.of(ref);
  }

  /** The named types {@code ref} stands for, following plain aliases and wrappers like {@code {type: X, description: …}}. */
  List<String> names(Ref ref) {
    List<String> names = new ArrayList<>();
    for (Ref at = ref; ; ) {
      String text = typeText(at);
      if (text == null || !isName(text) || (at.decl().isObject() && (at.decl().has("properties") || at.decl().has("items")))) {
        return names;
      }
      Ref definition = definition(text, at.file());
      names.add(definition.file() + "#" + (text.contains(".") ? text.substring(text.indexOf('.') + 1) : text));
      at = definition;
    }
  }

  boolean isBuiltIn(Ref ref) {
    return ref.decl().isTextual() && BUILT_INS.contains(unparenthesized(ref.decl().asText()));
  }

  /** {@code ref} with its inheritance applied; it must not be a union (split those with {@link #alternatives}). */
  Resolved resolve(Ref ref) {
    JsonNode decl = ref.decl();
    if (decl.isTextual()) {
      String text = unparenthesized(decl.asText());
      if (text.contains("|")) {
        throw new IllegalArgumentException("a union, split it first: " + text);
      }
      if (text.endsWith("[]")) {
        Ref items = new Ref(TextNode.valueOf(text.substring(0, text.length() - 2)), ref.file());
        return new Resolved("array", Map.of(), Map.of(), items);
      }
      return BUILT_INS.contains(text) ? new Resolved(text, Map.of(), Map.of(), null) : resolve(definition(text, ref.file()));
    }
    Resolved parent = decl.has("type") ? resolve(new Ref(decl.get("type"), ref.file()))
        : new Resolved(decl.has("properties") ? "object" : decl.has("items") ? "array" : "string", Map.of(), Map.of(), null);
    Map<String, JsonNode> facets = new LinkedHashMap<>(parent.facets());
    decl.fields().forEachRemaining(field -> {
      if (!NOT_FACETS.contains(field.getKey()) && !field.getKey().startsWith("(")) {
        facets.put(field.getKey(), field.getValue());
      }
    });
    Map<String, Property> properties = new LinkedHashMap<>(parent.properties());
    decl.path("properties").fields().forEachRemaining(field -> {
      // A /regex/ property matches the keys of a map; none of them is ever required.
      boolean optional = field.getKey().endsWith("?") || field.getValue().path("required").asText().equals("false")
          || field.getKey().matches("/.*/");
      properties.put(field.getKey().replaceFirst("\\?$", ""), new Property(new Ref(field.getValue(), ref.file()), !optional));
    });
    Ref items = decl.has("items") ? new Ref(decl.get("items"), ref.file()) : parent.items();
    return new Resolved(parent.base(), facets, properties, items);
  }

  /** Whether Marathon insists on the property: required as written and with no default to fall back on. */
  boolean mustBeGiven(Property property) {
    return property.required()
        && alternatives(property.type()).stream().noneMatch(a -> resolve(a).facets().containsKey("default"));
  }

  /** The text of a type expression, written alone or as {@code type:} of a declaration; null for an inline object type. */
  private static String typeText(Ref ref) {
    JsonNode type = ref.decl().isObject() ? ref.decl().get("type") : ref.decl();
    return type != null && type.isTextual() ? unparenthesized(type.asText()) : null;
  }

  private static boolean isName(String text) {
    return !text.contains("|") && !text.endsWith("[]") && !BUILT_INS.contains(text);
  }

  private static String unparenthesized(String text) {
    String trimmed = text.trim();
    return trimmed.startsWith("(") && trimmed.endsWith(")") ? unparenthesized(trimmed.substring(1, trimmed.length() - 1)) : trimmed;
  }

  /** The declaration of {@code name} ({@code Type} or {@code library.Type}) as seen from {@code file}. */
  private Ref definition(String name, String file) {
    String library = file;
    String type = name;
    if (name.contains(".")) {
      String alias = name.substring(0, name.indexOf('.'));
      library = libraries.get(file).path("uses").path(alias).asText(null);
      type = name.substring(name.indexOf('.') + 1);
    }
    JsonNode declaration = library == null ? null : libraries.get(library).path("types").get(type);
    if (declaration == null) {
      throw new IllegalArgumentException("no RAML type " + name + " seen from " + file);
    }
    return new Ref(declaration, library);
  }
}
