package io.sluice.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The header checks, which need no registry. */
class ConfluentAvroCodecTest {

  @Test
  void readsTheSchemaIdBigEndian() {
    assertThat(ConfluentAvroCodec.schemaId(new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
    assertThat(ConfluentAvroCodec.schemaId(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void aWrongMagicByteIsNamed() {
    assertThatThrownBy(() -> ConfluentAvroCodec.schemaId(new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOfSatisfying(DecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_MAGIC_BYTE))
        .hasMessage("wrong-magic-byte: first byte is 0x01, not the magic byte 0x00");
  }

  @Test
  void aRecordShorterThanTheHeaderIsATruncatedHeader() {
    for (byte[] bytes : new byte[][] {new byte[0], new byte[] {0, 0, 0, 1}}) {
      assertThatThrownBy(() -> ConfluentAvroCodec.schemaId(bytes))
          .isInstanceOfSatisfying(DecodeException.class,
              e -> assertThat(e.reason()).isEqualTo(DecodeException.Reason.TRUNCATED_HEADER));
    }
  }
}
