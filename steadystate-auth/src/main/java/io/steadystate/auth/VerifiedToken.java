package io.steadystate.auth;

import io.steadystate.api.Identity;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a token whose signature, issuer, audience and times were checked.
 *
 * @param principal {@link Identity#principal()} of the holder ({@code sub})
 * @param login     the holder's login
 * @param provider  the identity provider that proved who the holder is
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}
 * @param jwtId     {@code jti}, unique per token
 * @param familyId  {@code fam}, the refresh-token family the token was issued with, or null for a token
 *                  outside any family (such as one signed before tokens carried it)
 */
public record VerifiedToken(String principal, String login, String provider, Instant issuedAt, Instant expiresAt,
        String jwtId, String familyId) {

    public VerifiedToken {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jwtId, "jwtId");
        if (familyId != null && familyId.isBlank()) {
            throw new IllegalArgumentException("familyId must be null or not blank");
        }
    }

    /** A token outside any refresh-token family. */
    public VerifiedToken(String principal, String login, String provider, Instant issuedAt, Instant expiresAt,
            String jwtId) {
        this(principal, login, provider, issuedAt, expiresAt, jwtId, null);
    }

    /** The refresh-token family, if the token carries one. */
    public Optional<String> family() {
        return Optional.ofNullable(familyId);
    }

    /** The holder as an {@link Identity}. */
    public Identity identity() {
        String[] parts = Identity.splitPrincipal(principal);
        return new Identity(parts[0], parts[1], login);
    }
}
