package io.steadystate.auth;

import io.steadystate.api.Identity;
import java.time.Instant;
import java.util.Objects;

/**
 * The claims of a token whose signature, issuer, audience and times were checked.
 *
 * @param principal {@link Identity#principal()} of the holder ({@code sub})
 * @param login     the holder's login
 * @param provider  the identity provider that proved who the holder is
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param jwtId     {@code jti}, unique per token
 */
public record VerifiedToken(String principal, String login, String provider, Instant issuedAt, Instant expiresAt,
        String jwtId) {

    public VerifiedToken {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jwtId, "jwtId");
    }

    /** The holder as an {@link Identity}. */
    public Identity identity() {
        String[] parts = Identity.splitPrincipal(principal);
        return new Identity(parts[0], parts[1], login);
    }
}
