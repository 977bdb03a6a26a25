package io.sluice.schemas;

import io.sluice.events.AdEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The versions of the {@code AdEvent} schema, read from the files in {@code schemas/avro}. */
public final class AdEventSchemas {

  private AdEventSchemas() {
  }

  /** Version 1, which producers write and from which the {@link AdEvent} class is generated. */
  public static final Schema V1 = AdEvent.getClassSchema();

  /** Version 2: v1 plus an optional {@code country}. */
  public static final Schema V2 = load("avro/AdEvent.v2.avsc");

  private static Schema load(String resource) {
    try (InputStream in = AdEventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Schema " + resource + " is not on the class path");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
