package io.sluice.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Writer schemas kept apart from the registry, by id, so that an id that resolved once keeps
 * resolving: a registry that lost its storage answers 404 for ids that records on the topic still
 * carry, and those records are valid events, not dead letters. The registry stays the first source;
 * the archive is asked only when the registry says it does not know an id.
 */
public interface SchemaArchive {

  /** Keeps nothing: every id the registry does not know is unknown. */
  SchemaArchive NONE = new SchemaArchive() {
    @Override
    public Optional<Schema> find(int id) {
      return Optional.empty();
    }

    @Override
    public void keep(int id, Schema schema) {
    }
  };

  /** The schema kept for {@code id}, if any. */
  Optional<Schema> find(int id);

  /** Keeps the schema the registry gave for {@code id}; called once per id and codec. */
  void keep(int id, Schema schema);
}
