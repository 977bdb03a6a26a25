package io.sluice.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API, and of nothing else, so that Confluent's
 * registry and any registry serving its API (Apicurio's ccompat, Karapace, Redpanda) work alike.
 * Schemas and ids are cached: each is fetched once per client. Transient failures (no answer,
 * 5xx, 429) are retried with exponential backoff; after the last attempt the error names the URL.
 * Thread-safe.
 */
public final class SchemaRegistryClient {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final String authorization;
  private final String user;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  // Looked up on every record a producer sends: keyed by the Schema object (whose hash is cached),
  // never by its JSON text, which would be rendered each time.
  private final Map<String, Map<Schema, CompletableFuture<Integer>>> idsBySubject = new ConcurrentHashMap<>();

  private SchemaRegistryClient(Builder b) {
    this.baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
    this.requestTimeout = b.requestTimeout;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.requestTimeout);
    if (b.sslContext != null) {
      http.sslContext(b.sslContext);
    }
    this.http = http.build();
    this.authorization = b.userInfo == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(b.userInfo.getBytes(StandardCharsets.UTF_8));
    this.user = b.userInfo == null ? null : b.userInfo.substring(0, Math.max(0, b.userInfo.indexOf(':')));
  }

  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
  public int register(String subject, Schema schema) {
    return cachedId(subject, schema, () -> {
      try {
        return post("/subjects/" + encode(subject) + "/versions", schema);
      } catch (IncompatibleSchemaException e) {
        // Some registries (Apicurio) answer 409 to the loser of two first registrations at once:
        // if the schema is there now, that was the race, not an incompatible schema.
        try {
          return post("/subjects/" + encode(subject), schema);
        } catch (UnknownSchemaException notThere) {
          throw e;
        }
      }
    });
  }

  /** The id of {@code schema} if it is already registered under {@code subject}; never registers. */
  public int idOf(String subject, Schema schema) {
    return cachedId(subject, schema, () -> post("/subjects/" + encode(subject), schema));
  }

  /**
   * The cached id, or the one {@code call} answers; callers asking for the same schema meanwhile
   * wait for that one call. The call runs outside any map lock: it may retry for seconds, and
   * other schemas must not wait behind it. A failed call is not cached.
   */
  private int cachedId(String subject, Schema schema, IntSupplier call) {
    Map<Schema, CompletableFuture<Integer>> ids = idsBySubject.computeIfAbsent(subject,
        s -> new ConcurrentHashMap<>());
    CompletableFuture<Integer> id = ids.get(schema);
    if (id == null) {
      CompletableFuture<Integer> mine = new CompletableFuture<>();
      id = ids.putIfAbsent(schema, mine);
      if (id == null) {
        id = mine;
        try {
          mine.complete(call.getAsInt());
        } catch (RuntimeException e) {
          ids.remove(schema, mine);
          mine.completeExceptionally(e);
        }
      }
    }
    try {
      return id.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private int post(String path, Schema schema) {
    return send("POST", path, schemaBody(schema)).get("id").asInt();
  }

  /** Whether {@code schema} may be registered next under {@code subject}, by the subject's compatibility rule. */
  public boolean isCompatible(String subject, Schema schema) {
    return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
        .path("is_compatible").asBoolean(false);
  }

  /** The schema with this global id. */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = new Schema.Parser().parse(send("GET", "/schemas/ids/" + id, null).get("schema").asText());
    schemasById.put(id, schema);
    return schema;
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  private JsonNode send(String method, String path, String body) {
    String url = baseUrl + path;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
        .header("Accept", CONTENT_TYPE);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    Duration backoff = initialBackoff;
    String lastProblem = "";
    Exception lastCause = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return JSON.readTree(response.body());
        }
        if (status == 401 || status == 403) {
          throw refused(method, url, status);
        }
        if (status < 500 && status != 429) {
          throw error(method, url, status, response.body());
        }
        lastProblem = "HTTP " + status + " " + response.body();
      } catch (SSLException e) {
        // A handshake that fails once fails every time: say which setting to fix instead of retrying.
        throw new RegistryException("TLS handshake with the schema registry at " + baseUrl + " failed (" + e.getMessage()
            + "): set schema.registry.ssl.ca.location (SCHEMA_REGISTRY_SSL_CA_LOCATION) to the CA of its certificate",
            -1, -1);
      } catch (IOException e) {
        lastProblem = e.toString();
        lastCause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException("Interrupted while calling the schema registry at " + url, e);
      }
      if (attempt < maxAttempts) {
        LOG.warn("Schema registry call {} {} failed (attempt {} of {}): {}; retrying in {} ms", method, url, attempt,
            maxAttempts, lastProblem, backoff.toMillis());
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
      }
    }
    throw new RegistryUnavailableException("Schema registry at " + baseUrl + " is unavailable: " + method + " " + url
        + " failed " + maxAttempts + " times; last: " + lastProblem, lastCause);
  }

  private RegistryException refused(String method, String url, int status) {
    String who = user == null ? "a request without credentials" : "user '" + user + "'";
    String verdict = status == 401 ? "refused the login of " + who : "does not allow " + who + " to " + method + " " + url;
    return new RegistryException("The schema registry at " + baseUrl + " " + verdict + " (HTTP " + status + "). Check"
        + " schema.registry.basic.auth.user.info (SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, user:password)", status, -1);
  }

  private static RegistryException error(String method, String url, int status, String body) {
    int code = -1;
    String message = body;
    try {
      JsonNode node = JSON.readTree(body);
      code = node.path("error_code").asInt(-1);
      message = node.path("message").asText(body);
    } catch (IOException e) {
      // Not JSON: keep the raw body in the message.
    }
    String text = method + " " + url + " answered " + status + " (error code " + code + "): " + message;
    if (status == 404) {
      return new UnknownSchemaException(text, status, code);
    }
    if (status == 409) {
      return new IncompatibleSchemaException(text, status, code);
    }
    return new RegistryException(text, status, code);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builder of a {@link SchemaRegistryClient}. */
  public static final class Builder {
    private final String baseUrl;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private String userInfo;
    private SSLContext sslContext;

    private Builder(String baseUrl) {
      URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("The schema registry URL must start with http:// or https://: " + baseUrl);
      }
      this.baseUrl = baseUrl;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** How many times a call is tried before it fails with {@link RegistryUnavailableException}. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = attempts;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** HTTP basic authentication as {@code user:password} (Confluent's {@code basic.auth.user.info}). */
    public Builder basicAuth(String userInfo) {
      if (userInfo != null && !userInfo.contains(":")) {
        throw new IllegalArgumentException("basic.auth.user.info must be user:password");
      }
      this.userInfo = userInfo;
      return this;
    }

    /** The TLS context of an https registry, e.g. one trusting a private CA. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    public SchemaRegistryClient build() {
      return new SchemaRegistryClient(this);
    }
  }
}
