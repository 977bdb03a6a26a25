package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.junit.LocalStackExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack's registry speaks the Confluent Schema Registry API: schemas are registered under
 * a subject, fetched by id, and checked for BACKWARD compatibility as Confluent's default demands.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaRegistryServerIT {

  private static final String V1 = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"io.sluice.test\","
      + "\"fields\":[{\"name\":\"ad_id\",\"type\":\"string\"}]}";
  private static final String V2_OPTIONAL_FIELD = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"io.sluice.test\","
      + "\"fields\":[{\"name\":\"ad_id\",\"type\":\"string\"},"
      + "{\"name\":\"country\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  private static final String V3_REQUIRED_FIELD = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"io.sluice.test\","
      + "\"fields\":[{\"name\":\"ad_id\",\"type\":\"string\"},{\"name\":\"user_id\",\"type\":\"string\"}]}";

  @Test
  void registersAndFetchesASchemaById(StackEndpoints stack) throws Exception {
    RegistryClient registry = new RegistryClient(stack.schemaRegistryUrl());

    int id = RegistryClient.idOf(registry.register("stack-it-fetch-value", V1));
    HttpResponse<String> fetched = registry.get("/schemas/ids/" + id);

    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).contains("Click").contains("ad_id");
    assertThat(RegistryClient.idOf(registry.register("stack-it-fetch-value", V1)))
        .as("registering the same schema again is idempotent").isEqualTo(id);
    assertThat(registry.get("/subjects").body()).contains("stack-it-fetch-value");
  }

  @Test
  void acceptsACompatibleChangeAndRejectsAnIncompatibleOne(StackEndpoints stack) throws Exception {
    RegistryClient registry = new RegistryClient(stack.schemaRegistryUrl());
    String subject = "stack-it-compat-value";
    int v1 = RegistryClient.idOf(registry.register(subject, V1));

    assertThat(registry.checkCompatibility(subject, V2_OPTIONAL_FIELD).body()).contains("\"is_compatible\":true");
    int v2 = RegistryClient.idOf(registry.register(subject, V2_OPTIONAL_FIELD));
    assertThat(v2).isNotEqualTo(v1);

    assertThat(registry.checkCompatibility(subject, V3_REQUIRED_FIELD).body()).contains("\"is_compatible\":false");
    HttpResponse<String> rejected = registry.register(subject, V3_REQUIRED_FIELD);
    assertThat(rejected.statusCode()).isEqualTo(409);
    assertThat(rejected.body()).contains("\"error_code\":409");
    assertThat(registry.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
  }

  @Test
  void answersUnknownIdsWithConfluentErrorCodes(StackEndpoints stack) throws Exception {
    HttpResponse<String> missing = new RegistryClient(stack.schemaRegistryUrl()).get("/schemas/ids/987654");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("40403");
  }
}
