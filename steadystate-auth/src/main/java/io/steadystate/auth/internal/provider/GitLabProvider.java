package io.steadystate.auth.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProviderException;
import java.net.URI;
import java.util.Map;

/** GitLab's device flow (gitlab.com or a self-managed instance). */
final class GitLabProvider extends DeviceFlowProvider {

    private final Endpoints endpoints;
    private final URI user;

    GitLabProvider(String baseUrl, String clientId, String clientSecret) {
        super("gitlab", new HttpJson("GitLab"), clientId, clientSecret, "read_user");
        this.endpoints = new Endpoints(URI.create(baseUrl + "/oauth/authorize_device"),
                URI.create(baseUrl + "/oauth/token"));
        this.user = URI.create(baseUrl + "/api/v4/user");
    }

    @Override
    Endpoints endpoints() {
        return endpoints;
    }

    @Override
    Identity identity(String accessToken) throws AuthProviderException {
        JsonNode json = getWithToken(user, accessToken, Map.of());
        JsonNode id = json.get("id");
        return identityOf(id != null && id.isIntegralNumber() ? id.asText() : null, text(json, "username"));
    }
}
