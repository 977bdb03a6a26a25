package io.sluice.deploy.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the group template ({@code marathon/sluice.json}) and a {@link Profile} into the JSON
 * Marathon receives. Two rules, no more:
 * <ul>
 *   <li>{@code ${key}} in a string takes the profile's value; a string that is only {@code ${key}}
 *       becomes a number or a boolean when the value is one, so counts and sizes stay typed (but
 *       never in {@code env} and {@code labels}, whose values Marathon wants as strings).</li>
 *   <li>An object in an array with {@code "x-for-each": {"var": [v1, v2]}} is repeated once per
 *       value, with {@code ${var}} bound to it (three brokers, one app per job).</li>
 * </ul>
 * A placeholder without a value is an error, and so is a profile value no placeholder uses: both
 * are typos that would otherwise deploy silently.
 */
public final class ManifestRenderer {

  static final String FOR_EACH = "x-for-each";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([\\w.-]+)}");
  /** Marathon wants the values of these maps as strings, whatever they look like. */
  private static final Set<String> STRING_MAPS = Set.of("env", "labels");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

  private final Profile profile;
  private final Set<String> used = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  private ManifestRenderer(Profile profile) {
    this.profile = profile;
  }

  public static JsonNode render(JsonNode template, Profile profile) {
    return render(template, profile, profile.values().keySet());
  }

  /**
   * Renders a template that uses a part of the profile (a one-off app uses the servers' addresses,
   * not their sizes): of the profile's values, only those of {@code mustBeUsed} must be used.
   */
  public static JsonNode render(JsonNode template, Profile profile, Set<String> mustBeUsed) {
    ManifestRenderer renderer = new ManifestRenderer(profile);
    JsonNode rendered = renderer.node(template, Map.of(), "$", false);
    for (String key : mustBeUsed) {
      if (!renderer.used.contains(key)) {
        renderer.problems.add(key + " (" + profile.originOf(key) + "): no placeholder uses it");
      }
    }
    if (!renderer.problems.isEmpty()) {
      throw new ConfigException("Cannot render profile '" + profile.name() + "':\n  "
          + String.join("\n  ", renderer.problems));
    }
    return rendered;
  }

  private JsonNode node(JsonNode node, Map<String, JsonNode> bound, String path, boolean asString) {
    if (node.isTextual()) {
      return text(node.textValue(), bound, path, asString);
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        if (element.isObject() && element.has(FOR_EACH)) {
          for (Map<String, JsonNode> binding : bindings(element.get(FOR_EACH), path + "[" + i + "]")) {
            Map<String, JsonNode> inner = new HashMap<>(bound);
            inner.putAll(binding);
            ObjectNode copy = element.deepCopy();
            copy.remove(FOR_EACH);
            out.add(node(copy, inner, path + "[" + out.size() + "]", false));
          }
        } else {
          out.add(node(element, bound, path + "[" + out.size() + "]", false));
        }
      }
      return out;
    }
    if (node.isObject()) {
      boolean stringValues = STRING_MAPS.contains(path.substring(path.lastIndexOf('.') + 1));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.set(field.getKey(), node(field.getValue(), bound, path + "." + field.getKey(), stringValues));
      }
      return out;
    }
    return node;
  }

  /** {"var": [v1, v2]} as one binding per value. */
  private List<Map<String, JsonNode>> bindings(JsonNode forEach, String path) {
    List<Map<String, JsonNode>> bindings = new ArrayList<>();
    if (!forEach.isObject() || forEach.size() != 1 || !forEach.elements().next().isArray()) {
      problems.add(path + "." + FOR_EACH + ": must be {\"name\": [values...]}");
      return bindings;
    }
    Map.Entry<String, JsonNode> entry = forEach.fields().next();
    entry.getValue().forEach(value -> bindings.add(Map.of(entry.getKey(), value)));
    return bindings;
  }

  private JsonNode text(String text, Map<String, JsonNode> bound, String path, boolean asString) {
    Matcher whole = PLACEHOLDER.matcher(text);
    if (whole.matches() && !asString) {
      JsonNode value = bound.get(whole.group(1));
      if (value != null) {
        return value;
      }
      String profileValue = lookup(whole.group(1), path);
      return profileValue == null ? JsonNodeFactory.instance.textNode(text) : typed(profileValue);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode boundValue = bound.get(m.group(1));
      String value = boundValue != null ? boundValue.asText() : lookup(m.group(1), path);
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return JsonNodeFactory.instance.textNode(out.toString());
  }

  private String lookup(String key, String path) {
    String value = profile.values().get(key);
    if (value == null) {
      problems.add(path + ": ${" + key + "} has no value in profile '" + profile.name() + "'");
    } else {
      used.add(key);
    }
    return value;
  }

  private static JsonNode typed(String value) {
    if (INTEGER.matcher(value).matches()) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
    }
    if (DECIMAL.matcher(value).matches()) {
      return JsonNodeFactory.instance.numberNode(Double.parseDouble(value));
    }
    if (value.equals("true") || value.equals("false")) {
      return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
    }
    return JsonNodeFactory.instance.textNode(value);
  }
}
