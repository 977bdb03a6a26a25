package io.sluice.serde;

import io.sluice.serde.registry.SchemaRegistryClient;
import io.sluice.serde.registry.UnknownSchemaException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro in the Confluent wire format: magic byte {@code 0}, the writer schema's registry id as a
 * 4-byte big-endian int, then the Avro binary body. Decoding resolves the writer schema (fetched
 * by id) against the reader schema, so events written with any compatible version read alike.
 * Used by the Kafka serializer and deserializer and by the streaming jobs' decoder. Thread-safe.
 */
public final class ConfluentAvroCodec {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  static {
    // A corrupt length prefix must not make the decoder allocate gigabytes; events are small.
    System.setProperty("org.apache.avro.limits.string.maxLength",
        System.getProperty("org.apache.avro.limits.string.maxLength", Integer.toString(1 << 20)));
    System.setProperty("org.apache.avro.limits.bytes.maxLength",
        System.getProperty("org.apache.avro.limits.bytes.maxLength", Integer.toString(1 << 20)));
    System.setProperty("org.apache.avro.limits.collectionItems.maxLength",
        System.getProperty("org.apache.avro.limits.collectionItems.maxLength", Integer.toString(1 << 16)));
  }

  /** How the reader schema is chosen. */
  public enum ReaderMode {
    /** Generic records in the writer's own schema. */
    WRITER_SCHEMA,
    /** Generic records resolved to a given reader schema. */
    GENERIC,
    /** Instances of the generated class named like the writer schema. */
    SPECIFIC
  }

  private final SchemaRegistryClient registry;
  private final boolean autoRegister;
  private final ReaderMode readerMode;
  private final Schema readerSchema;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  // Ids the registry answered 404 for, each with the System.nanoTime() until which it is not asked
  // again: a topic full of records with a stray id must not cost one registry call per record.
  private final Map<Integer, Long> unknownUntil = new ConcurrentHashMap<>();
  private final Duration unknownIdRecheck;
  private final SchemaArchive archive;

  /** How long an id the registry does not know is taken as unknown before the registry is asked again. */
  public static final Duration DEFAULT_UNKNOWN_ID_RECHECK = Duration.ofSeconds(30);

  private ConfluentAvroCodec(SchemaRegistryClient registry, boolean autoRegister, ReaderMode readerMode,
                             Schema readerSchema, Duration unknownIdRecheck, SchemaArchive archive) {
    this.registry = registry;
    this.autoRegister = autoRegister;
    this.readerMode = readerMode;
    this.readerSchema = readerSchema;
    this.unknownIdRecheck = unknownIdRecheck;
    this.archive = archive;
  }

  /** Writes with registration of new schemas; reads generic records in the writer's schema. */
  public static ConfluentAvroCodec of(SchemaRegistryClient registry) {
    return new ConfluentAvroCodec(registry, true, ReaderMode.WRITER_SCHEMA, null, DEFAULT_UNKNOWN_ID_RECHECK,
        SchemaArchive.NONE);
  }

  public ConfluentAvroCodec withAutoRegister(boolean register) {
    return new ConfluentAvroCodec(registry, register, readerMode, readerSchema, unknownIdRecheck, archive);
  }

  /** Reads generic records resolved to {@code reader}. */
  public ConfluentAvroCodec readingAs(Schema reader) {
    return new ConfluentAvroCodec(registry, autoRegister, ReaderMode.GENERIC, reader, unknownIdRecheck, archive);
  }

  /** Reads instances of the generated classes. */
  public ConfluentAvroCodec readingSpecific() {
    return new ConfluentAvroCodec(registry, autoRegister, ReaderMode.SPECIFIC, null, unknownIdRecheck, archive);
  }

  /**
   * After the registry answers that it does not know an id, records with that id are refused
   * without asking it again for this long; a schema registered meanwhile is found after it.
   */
  public ConfluentAvroCodec withUnknownIdRecheck(Duration recheck) {
    if (recheck.isNegative()) {
      throw new IllegalArgumentException("the unknown-id recheck interval must not be negative: " + recheck);
    }
    return new ConfluentAvroCodec(registry, autoRegister, readerMode, readerSchema, recheck, archive);
  }

  /**
   * Keeps every writer schema the registry resolves in {@code archive}, and decodes an id with the
   * kept schema before asking the registry: an id that resolved once keeps its schema even after
   * the registry has lost it (or given the id to another schema).
   */
  public ConfluentAvroCodec withArchive(SchemaArchive archive) {
    return new ConfluentAvroCodec(registry, autoRegister, readerMode, readerSchema, unknownIdRecheck, archive);
  }

  public SchemaRegistryClient registry() {
    return registry;
  }

  /** Frames {@code record} under {@code subject}, registering its schema first when auto-register is on. */
  public byte[] encode(String subject, GenericContainer record) {
    Schema schema = record.getSchema();
    int id = schemaIdFor(subject, schema);
    EncodeBuffer buffer = ENCODE_BUFFER.get();
    buffer.out.reset();
    buffer.out.write(MAGIC_BYTE);
    buffer.out.write(id >>> 24);
    buffer.out.write(id >>> 16);
    buffer.out.write(id >>> 8);
    buffer.out.write(id);
    try {
      writers.computeIfAbsent(schema, s -> writerFor(record, s)).write(record, buffer.encoder);
      buffer.encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.out.toByteArray();
  }

  /** The id last used, checked by identity: a producer sends one schema to one subject millions of times. */
  private record LastId(String subject, Schema schema, int id) {
  }

  private volatile LastId lastId;

  private int schemaIdFor(String subject, Schema schema) {
    LastId last = lastId;
    if (last != null && last.schema == schema && last.subject.equals(subject)) {
      return last.id;
    }
    int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
    lastId = new LastId(subject, schema, id);
    return id;
  }

  /** A per-thread output buffer and encoder: producers encode every record, so both are reused. */
  private static final class EncodeBuffer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
  }

  private static final ThreadLocal<EncodeBuffer> ENCODE_BUFFER = ThreadLocal.withInitial(EncodeBuffer::new);

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(GenericContainer record, Schema schema) {
    return record instanceof SpecificRecord
        ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema)
        : (DatumWriter<Object>) (DatumWriter<?>) new GenericDatumWriter<>(schema);
  }

  /** The writer schema id in a framed record's header. */
  public static int schemaId(byte[] framed) {
    if (framed == null || framed.length < HEADER_SIZE) {
      throw new DecodeException(DecodeException.Reason.TRUNCATED_HEADER, "record has "
          + (framed == null ? 0 : framed.length) + " bytes, fewer than the " + HEADER_SIZE + "-byte header");
    }
    if (framed[0] != MAGIC_BYTE) {
      throw new DecodeException(DecodeException.Reason.WRONG_MAGIC_BYTE,
          String.format("first byte is 0x%02x, not the magic byte 0x00", framed[0]));
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  /**
   * Decodes one framed record. Throws {@link DecodeException} for a record that can never be
   * decoded; a registry that cannot be reached throws its own exception, since retrying later may work.
   */
  public Object decode(byte[] framed) {
    int id = schemaId(framed);
    DatumReader<Object> reader = readers.get(id);
    if (reader == null) {
      reader = resolve(id);
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, HEADER_SIZE, framed.length - HEADER_SIZE, null);
    Object record;
    try {
      record = reader.read(null, decoder);
    } catch (EOFException e) {
      throw new DecodeException(DecodeException.Reason.TRUNCATED_BODY,
          "Avro body of " + (framed.length - HEADER_SIZE) + " bytes ends inside the record (schema id " + id + ")", e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | IllegalArgumentException
             | UnsupportedOperationException | NegativeArraySizeException e) {
      throw new DecodeException(DecodeException.Reason.CORRUPT_BODY,
          "Avro body does not decode with schema id " + id + ": " + e, e);
    }
    try {
      if (!decoder.isEnd()) {
        throw new DecodeException(DecodeException.Reason.CORRUPT_BODY,
            "bytes left over after the record (schema id " + id + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return record;
  }

  /**
   * Fetches the writer schema outside any map lock: the registry call may retry for seconds, and
   * readers of other ids must not wait behind it. Two threads may fetch the same id once each.
   */
  private DatumReader<Object> resolve(int id) {
    Long until = unknownUntil.get(id);
    if (until != null && System.nanoTime() - until < 0) {
      throw unknownId(id, null);
    }
    // Kept schemas first: an id never changes meaning, even when a registry that lost its storage hands it out again.
    Schema writer = archive.find(id).orElse(null);
    if (writer == null) {
      try {
        writer = registry.schemaById(id);
      } catch (UnknownSchemaException e) {
        unknownUntil.put(id, System.nanoTime() + unknownIdRecheck.toNanos());
        throw unknownId(id, e);
      }
      archive.keep(id, writer);
    }
    unknownUntil.remove(id);
    DatumReader<Object> reader = readerFor(writer);
    DatumReader<Object> raced = readers.putIfAbsent(id, reader);
    return raced != null ? raced : reader;
  }

  private DecodeException unknownId(int id, UnknownSchemaException cause) {
    return new DecodeException(DecodeException.Reason.UNKNOWN_SCHEMA_ID,
        "schema id " + id + " is not in the registry at " + registry.baseUrl(), cause);
  }

  @SuppressWarnings("unchecked")
  private DatumReader<Object> readerFor(Schema writer) {
    switch (readerMode) {
      case SPECIFIC:
        SpecificData specific = SpecificData.getForSchema(writer);
        Schema target = specific.getClass(writer) != null ? specific.getSchema(specific.getClass(writer)) : writer;
        return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(writer, target, specific);
      case GENERIC:
        return (DatumReader<Object>) (DatumReader<?>) new GenericDatumReader<>(writer, readerSchema, GenericData.get());
      default:
        return (DatumReader<Object>) (DatumReader<?>) new GenericDatumReader<>(writer, writer, GenericData.get());
    }
  }
}
