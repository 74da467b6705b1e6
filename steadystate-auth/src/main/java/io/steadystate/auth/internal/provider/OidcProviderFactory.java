package io.steadystate.auth.internal.provider;

import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.AuthProviderFactory;
import io.steadystate.api.spi.ProviderSettings;

/** {@code oidc}: {@code OIDC_ISSUER_URL} and {@code OIDC_CLIENT_ID} (required), {@code OIDC_CLIENT_SECRET}. */
public final class OidcProviderFactory implements AuthProviderFactory {

    @Override
    public String name() {
        return "oidc";
    }

    @Override
    public AuthProvider create(ProviderSettings settings) throws AuthProviderException {
        if (settings.get("OIDC_ISSUER_URL").isEmpty()) {
            throw new AuthProviderException("OIDC_ISSUER_URL is not set: set it to the provider's issuer URL");
        }
        String issuer = Urls.base(settings, "OIDC_ISSUER_URL", null);
        String clientId = settings.get("OIDC_CLIENT_ID").orElseThrow(() -> new AuthProviderException(
                "OIDC_CLIENT_ID is not set: register a client with the device flow at the OIDC provider and set it"));
        return new OidcProvider(issuer, clientId, settings.get("OIDC_CLIENT_SECRET").orElse(null));
    }
}
