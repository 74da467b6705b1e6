package io.steadystate.auth.internal.provider;

import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.AuthProviderFactory;
import io.steadystate.api.spi.ProviderSettings;

/**
 * {@code github}: {@code GITHUB_CLIENT_ID} (required), {@code GITHUB_CLIENT_SECRET}, {@code GITHUB_BASE_URL},
 * {@code GITHUB_API_URL}.
 */
public final class GitHubProviderFactory implements AuthProviderFactory {

    @Override
    public String name() {
        return "github";
    }

    @Override
    public AuthProvider create(ProviderSettings settings) throws AuthProviderException {
        String clientId = settings.get("GITHUB_CLIENT_ID").orElseThrow(() -> new AuthProviderException(
                "GITHUB_CLIENT_ID is not set: register a GitHub OAuth app with the device flow enabled and set it"));
        return new GitHubProvider(
                Urls.base(settings, "GITHUB_BASE_URL", "https://github.com"),
                Urls.base(settings, "GITHUB_API_URL", "https://api.github.com"),
                clientId,
                settings.get("GITHUB_CLIENT_SECRET").orElse(null));
    }
}
