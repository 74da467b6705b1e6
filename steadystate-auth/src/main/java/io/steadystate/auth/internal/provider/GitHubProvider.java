package io.steadystate.auth.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProviderException;
import java.net.URI;
import java.util.Map;

/** GitHub's device flow (github.com or GitHub Enterprise Server). */
final class GitHubProvider extends DeviceFlowProvider {

    private final Endpoints endpoints;
    private final URI user;

    GitHubProvider(String baseUrl, String apiUrl, String clientId, String clientSecret) {
        super("github", new HttpJson("GitHub"), clientId, clientSecret, "read:user");
        this.endpoints = new Endpoints(URI.create(baseUrl + "/login/device/code"),
                URI.create(baseUrl + "/login/oauth/access_token"));
        this.user = URI.create(apiUrl + "/user");
    }

    @Override
    Endpoints endpoints() {
        return endpoints;
    }

    @Override
    Identity identity(String accessToken) throws AuthProviderException {
        JsonNode json = getWithToken(user, accessToken, Map.of("Accept", "application/vnd.github+json"));
        JsonNode id = json.get("id");
        return identityOf(id != null && id.isIntegralNumber() ? id.asText() : null, text(json, "login"));
    }
}
