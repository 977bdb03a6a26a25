package io.sluice.deploy.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Our JSON Schema of a Marathon group ({@code marathon/schema/marathon.schema.json}).
 * Marathon ignores fields it does not know, so a typo in a manifest deploys without the
 * setting; checking against this schema, which refuses unknown fields, catches it first.
 */
public final class ManifestSchema {

  /** Where the schema lies, relative to the repository root. */
  public static final Path IN_REPOSITORY = Path.of("marathon", "schema", "marathon.schema.json");

  private final Schema schema;

  private ManifestSchema(Schema schema) {
    this.schema = schema;
  }

  public static ManifestSchema load(Path schemaFile) {
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(schemaFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Marathon schema " + schemaFile, e);
    }
    // LEGACY paths read "$.apps[2].container", the form people grep manifests for.
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.LEGACY).build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
        builder -> builder.schemaRegistryConfig(config));
    Schema schema = registry.getSchema(SchemaLocation.of(schemaFile.toUri().toString()), node);
    // Resolve every $ref now, so a broken schema fails at load, not on the first manifest.
    schema.initializeValidators();
    return new ManifestSchema(schema);
  }

  public static ManifestSchema loadFromRepository(Path repositoryRoot) {
    return load(repositoryRoot.resolve(IN_REPOSITORY));
  }

  /** The problems of {@code group}, each naming its JSON path; empty when it is valid. */
  public List<String> validate(JsonNode group) {
    return schema.validate(group).stream().map(ManifestSchema::describe).distinct().toList();
  }

  private static String describe(Error error) {
    String at = error.getInstanceLocation().toString();
    return switch (error.getKeyword()) {
      // The library reports these on the enclosing object; the field's own path is what one looks for.
      case "additionalProperties" -> at + "." + error.getProperty() + ": unknown field";
      case "required" -> at + "." + error.getProperty() + ": required field missing";
      default -> at + ": " + error.getMessage();
    };
  }
}
