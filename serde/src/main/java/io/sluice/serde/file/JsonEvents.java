package io.sluice.serde.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.schemas.AdEventSchemas;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * AdEvents as JSON Lines: one object a line, field names as in the Avro schema, {@code event_time}
 * as epoch milliseconds (or, when read, an ISO-8601 instant). A line with {@code country} is read
 * as a version 2 event, any other as version 1. Every problem is an {@link InvalidEventException}
 * that says which field and why.
 */
public final class JsonEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonEvents() {
  }

  public static GenericRecord parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidEventException("not a JSON object");
    }
    Schema schema = node.has("country") ? AdEventSchemas.V2 : AdEventSchemas.V1;
    Set<String> known = new HashSet<>();
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      known.add(field.name());
      record.put(field.name(), value(field, node.get(field.name())));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidEventException("unknown field '" + name + "'");
      }
    }
    return record;
  }

  private static Object value(Schema.Field field, JsonNode node) {
    String name = field.name();
    if (node == null || node.isNull()) {
      if (field.hasDefaultValue()) {
        return null;
      }
      throw new InvalidEventException("missing field '" + name + "'");
    }
    Schema schema = field.schema();
    if (schema.getType() == Schema.Type.UNION) {
      schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
    switch (schema.getType()) {
      case ENUM:
        if (!node.isTextual() || !schema.hasEnumSymbol(node.asText())) {
          throw new InvalidEventException("'" + name + "' is " + node + ", not one of " + schema.getEnumSymbols());
        }
        return new GenericData.EnumSymbol(schema, node.asText());
      case LONG:
        return eventTime(name, node);
      default:
        if (!node.isTextual() || node.asText().isEmpty()) {
          throw new InvalidEventException("'" + name + "' must be a non-empty string, not " + node);
        }
        return node.asText();
    }
  }

  private static long eventTime(String name, JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Instant.parse(node.asText()).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new InvalidEventException("'" + name + "' is neither epoch milliseconds nor an ISO-8601 instant: "
            + node);
      }
    }
    throw new InvalidEventException("'" + name + "' must be epoch milliseconds or an ISO-8601 instant, not " + node);
  }

  /** One line of JSON for {@code event}, a generated or a generic record of either version. */
  public static String format(GenericRecord event) {
    ObjectNode node = JSON.createObjectNode();
    for (Schema.Field field : event.getSchema().getFields()) {
      Object value = event.get(field.name());
      if (value instanceof Instant) {
        node.put(field.name(), ((Instant) value).toEpochMilli());
      } else if (value instanceof Long) {
        node.put(field.name(), (Long) value);
      } else if (value != null) {
        node.put(field.name(), value.toString());
      }
    }
    return node.toString();
  }

  /** An event that does not fit the schema. */
  public static final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
      super(message);
    }
  }
}
