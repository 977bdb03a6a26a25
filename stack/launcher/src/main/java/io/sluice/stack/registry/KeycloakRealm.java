package io.sluice.stack.registry;

import io.sluice.config.access.SluicePrincipal;
import io.sluice.stack.security.StackSecurity;
import java.util.ArrayList;
import java.util.List;

/**
 * The realm Keycloak imports for the registry: one confidential client per principal that talks to
 * the registry, its secret the principal's password, its service account holding the principal's
 * {@linkplain SluicePrincipal#registryRole() registry role}. A client's basic-auth login at the
 * registry is this client id and secret, which Apicurio exchanges for a token carrying the role.
 */
final class KeycloakRealm {

  static final String NAME = "sluice";

  private KeycloakRealm() {
  }

  /** The realm as Keycloak's import JSON. It holds the passwords: write it readable by its owner only. */
  static String json(StackSecurity security) {
    List<String> roles = new ArrayList<>();
    List<String> clients = new ArrayList<>();
    List<String> serviceAccounts = new ArrayList<>();
    for (SluicePrincipal principal : SluicePrincipal.values()) {
      principal.registryRole().ifPresent(role -> {
        String id = principal.username();
        if (!roles.contains(role)) {
          roles.add(role);
        }
        // Passwords are letters and digits only (StackSecrets), so they need no JSON escaping.
        clients.add("{\"clientId\": \"" + id + "\", \"enabled\": true, \"protocol\": \"openid-connect\","
            + " \"publicClient\": false, \"clientAuthenticatorType\": \"client-secret\", \"secret\": \""
            + security.login(principal).password().reveal() + "\", \"serviceAccountsEnabled\": true,"
            + " \"standardFlowEnabled\": false, \"directAccessGrantsEnabled\": false, \"implicitFlowEnabled\": false}");
        serviceAccounts.add("{\"username\": \"service-account-" + id + "\", \"enabled\": true,"
            + " \"serviceAccountClientId\": \"" + id + "\", \"realmRoles\": [\"" + role + "\"]}");
      });
    }
    return "{\n  \"realm\": \"" + NAME + "\",\n  \"enabled\": true,\n  \"sslRequired\": \"all\",\n"
        + "  \"roles\": {\"realm\": [" + String.join(", ", roles.stream().map(r -> "{\"name\": \"" + r + "\"}").toList())
        + "]},\n  \"clients\": [\n    " + String.join(",\n    ", clients) + "\n  ],\n"
        + "  \"users\": [\n    " + String.join(",\n    ", serviceAccounts) + "\n  ]\n}\n";
  }
}
