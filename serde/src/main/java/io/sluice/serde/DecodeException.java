package io.sluice.serde;

import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that cannot be decoded, and why. The reason is stable and machine-readable: it is what
 * the dead-letter topic's {@code sluice.dlq.reason} header carries.
 */
public class DecodeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** Why a record could not be decoded. */
  public enum Reason {
    /** Empty, or shorter than the 5-byte header. */
    TRUNCATED_HEADER,
    /** The first byte is not the Confluent magic byte 0. */
    WRONG_MAGIC_BYTE,
    /** The registry does not know the schema id in the header. */
    UNKNOWN_SCHEMA_ID,
    /** The Avro body ends before the record does. */
    TRUNCATED_BODY,
    /** The Avro body does not decode with the writer schema, or has bytes left over. */
    CORRUPT_BODY;

    /** The reason as headers and logs write it, e.g. {@code wrong-magic-byte}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;

  public DecodeException(Reason reason, String message) {
    this(reason, message, null);
  }

  public DecodeException(Reason reason, String message, Throwable cause) {
    super(reason.code() + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
