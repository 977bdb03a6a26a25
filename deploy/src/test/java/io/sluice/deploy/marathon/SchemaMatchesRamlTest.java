package io.sluice.deploy.marathon;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Our schema claims nothing Marathon's specification does not: every field it allows is a field of
 * the RAML type it stands for, with a compatible JSON type, only enum values RAML allows, RAML's bounds
 * and patterns, and RAML's required fields. The RAML types are in {@code marathon/spec/raml-types}.
 */
class SchemaMatchesRamlTest {

  /** Each definition of our schema and the RAML type ({@code file#Type}) it is a subset of. */
  private static final Map<String, String> RAML_TYPE_OF = Map.ofEntries(
      entry("Group", "group.raml#GroupUpdate"), // what POST /v2/groups takes (groups.raml)
      entry("App", "app.raml#App"),
      entry("Labels", "label.raml#KVLabels"),
      entry("EnvVars", "environmentVariable.raml#LegacyEnvVars"), // what App.env is
      entry("EnvVarValueOrSecret", "environmentVariable.raml#EnvVarValueOrSecret"),
      entry("EnvVarSecret", "environmentVariable.raml#EnvVarSecret"),
      entry("Secrets", "secrets.raml#Secrets"),
      entry("SecretDef", "secrets.raml#SecretDef"),
      entry("Container", "appContainer.raml#Container"),
      entry("EngineType", "appContainer.raml#EngineType"),
      entry("DockerContainer", "appContainer.raml#DockerContainer"),
      entry("DockerParameter", "appContainer.raml#DockerParameter"),
      entry("PortMapping", "appContainer.raml#ContainerPortMapping"),
      entry("AppVolume", "volumes.raml#AppVolume"),
      entry("PersistentVolume", "volumes.raml#AppPersistentVolume"),
      entry("HostVolume", "volumes.raml#AppHostVolume"),
      entry("SecretVolume", "volumes.raml#AppSecretVolume"),
      entry("PersistentVolumeInfo", "volumes.raml#PersistentVolumeInfo"),
      entry("PersistentVolumeType", "volumes.raml#PersistentVolumeType"),
      entry("VolumeConstraint", "constraint.raml#VolumeConstraint"),
      entry("ReadMode", "stringTypes.raml#ReadMode"),
      entry("Network", "network.raml#Network"),
      entry("NetworkMode", "network.raml#NetworkMode"),
      entry("PortDefinition", "network.raml#PortDefinition"),
      entry("NetworkProtocol", "stringTypes.raml#NetworkProtocol"),
      entry("AnyPort", "numberTypes.raml#AnyPort"),
      entry("HealthCheck", "healthCheck.raml#AppHealthCheck"),
      entry("HealthCheckProtocol", "healthCheck.raml#AppHealthCheckProtocol"),
      entry("CommandCheck", "healthCheck.raml#AppCommandCheck"),
      entry("Constraint", "constraint.raml#AppConstraint"),
      entry("ConstraintOperator", "constraint.raml#ConstraintOperator"),
      entry("UpgradeStrategy", "app.raml#UpgradeStrategy"),
      entry("UnreachableStrategy", "unreachableStrategy.raml#UnreachableStrategy"),
      entry("UnreachableDisabled", "unreachableStrategy.raml#UnreachableDisabled"),
      entry("UnreachableEnabled", "unreachableStrategy.raml#UnreachableEnabled"),
      entry("KillSelection", "killSelection.raml#KillSelection"),
      entry("Residency", "app.raml#AppResidency"),
      entry("TaskLostBehavior", "stringTypes.raml#TaskLostBehavior"),
      entry("Artifact", "artifact.raml#Artifact"),
      entry("PathId", "stringTypes.raml#PathId"),
      entry("LegacyName", "stringTypes.raml#LegacyName"),
      entry("NetworkName", "stringTypes.raml#NetworkName"),
      entry("Uri", "stringTypes.raml#Uri"),
      entry("Path", "stringTypes.raml#Path"));

  /** Constraints on values that must be RAML's exactly: looser lets through what Marathon refuses, tighter is not Marathon's. */
  private static final List<String> BOUNDS =
      List.of("minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems");

  private static final Raml RAML = Raml.load(RepositoryRoot.PATH.resolve("marathon/spec/raml-types"));
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyDefinitionStandsForAnExistingRamlType() throws IOException {
    JsonNode schema = ourSchema();
    assertThat(schema.path("$ref").asText()).isEqualTo("#/definitions/Group");
    assertThat(fieldNames(schema.get("definitions"))).isEqualTo(new TreeSet<>(RAML_TYPE_OF.keySet()));
    assertThat(RAML_TYPE_OF.values()).allSatisfy(type -> assertThat(RAML.exists(type)).as(type).isTrue());
  }

  @Test
  void everyDefinitionIsASubsetOfItsRamlType() throws IOException {
    assertThat(disagreements(ourSchema())).isEmpty();
  }

  @Test
  void aFieldRamlDoesNotHaveIsCaught() throws IOException {
    ObjectNode schema = ourSchema();
    ((ObjectNode) schema.at("/definitions/App/properties")).putObject("bogus").put("type", "string");
    ((ObjectNode) schema.at("/definitions/DockerContainer/properties")).set("imag", schema.at("/definitions/DockerContainer/properties/image"));
    assertThat(disagreements(schema)).containsExactlyInAnyOrder(
        "App.bogus: no such field in RAML", "DockerContainer.imag: no such field in RAML");
  }

  @Test
  void aTypeEnumOrBoundRamlDoesNotHaveIsCaught() throws IOException {
    ObjectNode schema = ourSchema();
    ((ArrayNode) schema.at("/definitions/ConstraintOperator/enum")).add("UNIQ");
    ((ObjectNode) schema.at("/definitions/App/properties/instances")).put("type", "string");
    ((ObjectNode) schema.at("/definitions/App/properties/cpus")).put("minimum", 0);
    assertThat(disagreements(schema)).containsExactlyInAnyOrder(
        "ConstraintOperator: enum value \"UNIQ\" is not in RAML's [\"UNIQUE\",\"CLUSTER\",\"GROUP_BY\",\"LIKE\",\"UNLIKE\",\"MAX_PER\",\"IS\"]",
        "App.instances: type string where RAML has integer",
        "App.cpus: minimum 0, RAML has 0.001");
  }

  private static ObjectNode ourSchema() throws IOException {
    return (ObjectNode) JSON.readTree(RepositoryRoot.PATH.resolve(ManifestSchema.IN_REPOSITORY).toFile());
  }

  private static List<String> disagreements(JsonNode schema) {
    List<String> problems = new ArrayList<>();
    schema.get("definitions").fields().forEachRemaining(definition ->
        compare(definition.getValue(), RAML.named(RAML_TYPE_OF.get(definition.getKey())), definition.getKey(), problems));
    return problems;
  }

  private static List<String> disagreements(JsonNode ours, Raml.Ref theirs, String path) {
    List<String> problems = new ArrayList<>();
    compare(ours, theirs, path, problems);
    return problems;
  }

  private static void compare(JsonNode ours, Raml.Ref theirs, String path, List<String> problems) {
    if (ours.has("$ref")) {
      compareReference(ours.get("$ref").asText().replace("#/definitions/", ""), theirs, path, problems);
      return;
    }
    List<Raml.Ref> alternatives = RAML.alternatives(theirs);
    if (ours.has("oneOf")) {
      for (JsonNode option : ours.get("oneOf")) {
        if (alternatives.stream().noneMatch(alternative -> disagreements(option, alternative, path).isEmpty())) {
          problems.add(path + ": alternative " + option + " is none of RAML's");
        }
      }
    } else if (alternatives.size() > 1) {
      if (alternatives.stream().noneMatch(alternative -> disagreements(ours, alternative, path).isEmpty())) {
        problems.add(path + ": matches none of RAML's alternatives");
      }
    } else {
      compareResolved(ours, RAML.resolve(theirs), path, problems);
    }
  }

  /** A $ref must point where RAML names the same type (each definition is compared once, on its own). */
  private static void compareReference(String definition, Raml.Ref theirs, String path, List<String> problems) {
    String expected = RAML_TYPE_OF.get(definition);
    if (RAML.names(theirs).contains(expected)) {
      return;
    }
    // A plain RAML scalar may be narrowed to a named type of its kind: ["hostname", "UNIQUE"] is
    // a string[] in RAML, whose second item its description says is a ConstraintOperator.
    boolean narrowsAScalar = expected != null && RAML.isBuiltIn(theirs)
        && RAML.resolve(theirs).base().equals(RAML.resolve(RAML.named(expected)).base());
    if (!narrowsAScalar) {
      problems.add(path + ": refers to " + definition + " (" + expected + ") where RAML has " + theirs.decl());
    }
  }

  private static void compareResolved(JsonNode ours, Raml.Resolved theirs, String path, List<String> problems) {
    List<String> types = jsonTypes(ours);
    if (types.isEmpty()) {
      problems.add(path + ": no type");
    }
    types.stream().filter(type -> !compatible(theirs.base(), type))
        .forEach(type -> problems.add(path + ": type " + type + " where RAML has " + theirs.base()));
    compareEnums(ours.get("enum"), theirs.facets().get("enum"), path, problems);
    for (String bound : BOUNDS) {
      JsonNode mine = ours.get(bound);
      JsonNode marathons = theirs.facets().get(bound);
      if (!sameValue(mine, marathons)) {
        problems.add(path + ": " + bound + " " + mine + ", RAML has " + marathons);
      }
    }
    if (theirs.base().equals("object") && types.contains("object")) {
      compareFields(ours, theirs, path, problems);
    }
    if (theirs.base().equals("array") && types.contains("array")) {
      JsonNode items = ours.path("items");
      if (items.isArray()) { // a tuple: each position is one of RAML's items
        for (int i = 0; i < items.size(); i++) {
          compare(items.get(i), theirs.items(), path + "[" + i + "]", problems);
        }
      } else {
        compare(items, theirs.items(), path + "[]", problems);
      }
    }
  }

  private static void compareFields(JsonNode ours, Raml.Resolved theirs, String path, List<String> problems) {
    if (!ours.path("additionalProperties").isBoolean() || ours.get("additionalProperties").asBoolean()) {
      problems.add(path + ": unknown fields are not refused");
    }
    Set<String> mustBeGiven = new TreeSet<>();
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    ours.path("properties").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
    // RAML writes a map's keys as a property named by a regular expression between slashes.
    ours.path("patternProperties").fields().forEachRemaining(f -> fields.put("/" + f.getKey() + "/", f.getValue()));
    fields.forEach((name, schema) -> {
      Raml.Property property = theirs.properties().get(name);
      if (property == null) {
        problems.add(path + "." + name + ": no such field in RAML");
        return;
      }
      compare(schema, property.type(), path + "." + name, problems);
      if (RAML.mustBeGiven(property)) {
        mustBeGiven.add(name);
      }
    });
    Set<String> required = new TreeSet<>();
    ours.path("required").forEach(name -> required.add(name.asText()));
    if (!required.equals(mustBeGiven)) {
      problems.add(path + ": requires " + required + ", RAML requires " + mustBeGiven + " of these fields");
    }
  }

  private static void compareEnums(JsonNode mine, JsonNode marathons, String path, List<String> problems) {
    if (marathons == null) {
      return; // RAML takes any value of the type, so any enum of ours narrows it.
    }
    if (mine == null) {
      problems.add(path + ": takes any value, RAML only " + marathons);
      return;
    }
    Set<String> allowed = new TreeSet<>();
    marathons.forEach(value -> allowed.add(value.asText()));
    mine.forEach(value -> {
      if (!allowed.contains(value.asText())) {
        problems.add(path + ": enum value " + value + " is not in RAML's " + marathons);
      }
    });
  }

  private static List<String> jsonTypes(JsonNode schema) {
    JsonNode type = schema.path("type");
    return type.isArray() ? StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList()
        : type.isTextual() ? List.of(type.asText()) : List.of();
  }

  private static boolean compatible(String ramlType, String jsonType) {
    return switch (ramlType) {
      case "number" -> jsonType.equals("number") || jsonType.equals("integer");
      case "datetime" -> jsonType.equals("string");
      case "nil" -> jsonType.equals("null");
      default -> ramlType.equals(jsonType);
    };
  }

  private static boolean sameValue(JsonNode mine, JsonNode marathons) {
    if (mine == null || marathons == null) {
      return mine == marathons;
    }
    if (mine.isNumber() && marathons.isNumber()) {
      return mine.decimalValue().compareTo(marathons.decimalValue()) == 0;
    }
    return mine.asText().equals(marathons.asText());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
