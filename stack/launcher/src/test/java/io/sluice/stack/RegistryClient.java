package io.sluice.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few Confluent Schema Registry calls the stack tests make, over plain HTTP. */
final class RegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  RegistryClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  HttpResponse<String> register(String subject, String avroSchema) throws IOException, InterruptedException {
    return post("/subjects/" + subject + "/versions", avroSchema);
  }

  HttpResponse<String> checkCompatibility(String subject, String avroSchema) throws IOException, InterruptedException {
    return post("/compatibility/subjects/" + subject + "/versions/latest", avroSchema);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String avroSchema) throws IOException, InterruptedException {
    String body = "{\"schema\":\"" + avroSchema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static int idOf(HttpResponse<String> registered) {
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(registered.body());
    if (registered.statusCode() != 200 || !m.find()) {
      throw new AssertionError("Not registered: " + registered.statusCode() + " " + registered.body());
    }
    return Integer.parseInt(m.group(1));
  }
}
