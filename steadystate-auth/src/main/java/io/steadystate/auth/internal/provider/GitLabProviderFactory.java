package io.steadystate.auth.internal.provider;

import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.AuthProviderFactory;
import io.steadystate.api.spi.ProviderSettings;

/** {@code gitlab}: {@code GITLAB_CLIENT_ID} (required), {@code GITLAB_CLIENT_SECRET}, {@code GITLAB_BASE_URL}. */
public final class GitLabProviderFactory implements AuthProviderFactory {

    @Override
    public String name() {
        return "gitlab";
    }

    @Override
    public AuthProvider create(ProviderSettings settings) throws AuthProviderException {
        String clientId = settings.get("GITLAB_CLIENT_ID").orElseThrow(() -> new AuthProviderException(
                "GITLAB_CLIENT_ID is not set: register a GitLab application with the device flow and set it"));
        return new GitLabProvider(Urls.base(settings, "GITLAB_BASE_URL", "https://gitlab.com"), clientId,
                settings.get("GITLAB_CLIENT_SECRET").orElse(null));
    }
}
