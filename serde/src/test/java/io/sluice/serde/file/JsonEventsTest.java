package io.sluice.serde.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schemas.AdEventSchemas;
import io.sluice.serde.Events;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class JsonEventsTest {

  static final String V1 = "{\"event_id\":\"e1\",\"user_id\":\"u\",\"page_id\":\"p\",\"ad_id\":\"a\",\"ad_type\":\"banner\","
      + "\"event_type\":\"view\",\"event_time\":1767225600123,\"ip_address\":\"1.2.3.4\"}";

  @Test
  void readsAVersion1EventAndWritesItBackTheSame() {
    GenericRecord event = JsonEvents.parse(V1);

    assertThat(event.getSchema()).isEqualTo(AdEventSchemas.V1);
    assertThat(Events.eventTimeMillis(event)).isEqualTo(1_767_225_600_123L);
    assertThat(JsonEvents.format(event)).isEqualTo(V1);
  }

  @Test
  void aLineWithCountryIsVersion2AndIsoTimesAreAccepted() {
    GenericRecord event = JsonEvents.parse(V1.replace("1767225600123", "\"2026-01-01T00:00:00.123Z\"")
        .replace("}", ",\"country\":\"NL\"}"));

    assertThat(event.getSchema()).isEqualTo(AdEventSchemas.V2);
    assertThat(event.get("country")).isEqualTo("NL");
    assertThat(Events.eventTimeMillis(event)).isEqualTo(1_767_225_600_123L);
  }

  @Test
  void everyKindOfBadLineSaysWhatIsWrong() {
    assertProblem("{not json", "not valid JSON");
    assertProblem("[1,2]", "not a JSON object");
    assertProblem(V1.replace("\"user_id\":\"u\",", ""), "missing field 'user_id'");
    assertProblem(V1.replace("banner", "billboard"), "'ad_type' is \"billboard\", not one of");
    assertProblem(V1.replace("\"view\"", "\"like\""), "'event_type'");
    assertProblem(V1.replace("1767225600123", "\"yesterday\""), "neither epoch milliseconds nor an ISO-8601");
    assertProblem(V1.replace("\"u\"", "\"\""), "'user_id' must be a non-empty string");
    assertProblem(V1.replace("}", ",\"colour\":\"red\"}"), "unknown field 'colour'");
  }

  private static void assertProblem(String line, String expected) {
    assertThatThrownBy(() -> JsonEvents.parse(line)).isInstanceOf(JsonEvents.InvalidEventException.class)
        .hasMessageContaining(expected);
  }
}
