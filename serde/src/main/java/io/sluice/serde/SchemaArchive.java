package io.sluice.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Writer schemas kept apart from the registry, by id, so that an id that resolved once keeps
 * resolving: a registry that lost its storage answers 404 for ids that records on the topic still
 * carry, and those records are valid events, not dead letters; a registry that then hands an old id
 * to a new schema must not change how old records decode. The codec asks the archive first and the
 * registry on a miss. Both methods are best effort: a failure to read is a miss, a failure to write
 * is logged, and neither stops decoding.
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
