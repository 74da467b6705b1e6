package io.steadystate.auth.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProviderException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Any OpenID Connect provider with the device flow, found through its discovery document. Discovery
 * happens on first use, so that a provider that is down does not stop the server from starting.
 */
final class OidcProvider extends DeviceFlowProvider {

    private record Discovered(Endpoints endpoints, URI userinfo, boolean secretInForm) {
    }

    private final String issuer;
    private volatile Discovered discovered;

    OidcProvider(String issuer, String clientId, String clientSecret) {
        super("oidc", new HttpJson("the OIDC provider"), clientId, clientSecret, "openid profile email");
        this.issuer = issuer;
    }

    @Override
    Endpoints endpoints() throws AuthProviderException {
        return discover().endpoints();
    }

    @Override
    void authenticateClient(Map<String, String> form, Map<String, String> headers) throws AuthProviderException {
        form.put("client_id", clientId);
        if (clientSecret == null) {
            return;
        }
        if (discover().secretInForm()) {
            form.put("client_secret", clientSecret);
        } else {
            // client_secret_basic, the method every server must support (RFC 6749 2.3.1).
            String pair = encode(clientId) + ":" + encode(clientSecret);
            headers.put("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    Identity identity(String accessToken) throws AuthProviderException {
        JsonNode json = getWithToken(discover().userinfo(), accessToken, Map.of());
        String sub = text(json, "sub");
        String login = text(json, "preferred_username");
        if (login == null) {
            login = text(json, "email");
        }
        if (login == null) {
            login = sub;
        }
        return identityOf(sub, login);
    }

    private Discovered discover() throws AuthProviderException {
        Discovered d = discovered;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = fetchDiscovery();
            }
            return discovered;
        }
    }

    private Discovered fetchDiscovery() throws AuthProviderException {
        URI uri = URI.create(issuer + "/.well-known/openid-configuration");
        HttpJson.Response response = http.get(uri, Map.of());
        if (!response.ok()) {
            throw new AuthProviderException("OIDC discovery at " + HttpJson.describe(uri) + " failed with HTTP "
                    + response.status() + "; check OIDC_ISSUER_URL");
        }
        JsonNode json = response.json();
        String declared = text(json, "issuer");
        // OpenID Connect Discovery 1.0, section 4.3: the document must be for the issuer asked for.
        if (declared == null || !Urls.stripSlash(declared).equals(issuer)) {
            throw new AuthProviderException("the OIDC discovery document names another issuer than OIDC_ISSUER_URL");
        }
        String device = text(json, "device_authorization_endpoint");
        if (device == null) {
            throw new AuthProviderException(
                    "the OIDC provider does not offer the device flow (no device_authorization_endpoint)");
        }
        JsonNode methods = json.path("token_endpoint_auth_methods_supported");
        boolean basic = !methods.isArray() || contains(methods, "client_secret_basic");
        boolean post = methods.isArray() && contains(methods, "client_secret_post");
        return new Discovered(
                new Endpoints(Urls.endpoint(device, "the OIDC device_authorization_endpoint"),
                        Urls.endpoint(text(json, "token_endpoint"), "the OIDC token_endpoint")),
                Urls.endpoint(text(json, "userinfo_endpoint"), "the OIDC userinfo_endpoint"),
                !basic && post);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
