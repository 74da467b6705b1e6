/**
 * Authentication for SteadyState: JWTs (nimbus-jose-jwt), rotating refresh tokens with reuse
 * detection, and device-flow identity providers registered as {@link java.util.ServiceLoader} plugins.
 */
module io.steadystate.auth {
    requires transitive io.steadystate.api;
    requires com.nimbusds.jose.jwt;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports io.steadystate.auth;

    uses io.steadystate.api.spi.AuthProviderFactory;

    provides io.steadystate.api.spi.AuthProviderFactory with
            io.steadystate.auth.internal.provider.GitHubProviderFactory,
            io.steadystate.auth.internal.provider.GitLabProviderFactory,
            io.steadystate.auth.internal.provider.OidcProviderFactory,
            io.steadystate.auth.internal.provider.DevProviderFactory;
}
