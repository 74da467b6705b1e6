package io.steadystate.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * What every token carries and how strictly tokens are checked.
 *
 * @param issuer         the {@code iss} claim written and required
 * @param audience       the {@code aud} claim written and required
 * @param ttl            how long a token is valid after it is issued
 * @param clockSkew      how far clocks of issuer and verifier may disagree
 * @param maxTokenLength tokens longer than this (in characters) are refused before any parsing
 */
public record JwtSettings(String issuer, String audience, Duration ttl, Duration clockSkew, int maxTokenLength) {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

    public JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be empty");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("audience must not be empty");
        }
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(clockSkew, "clockSkew");
        // JWT times are whole seconds: a shorter lifetime would round to nothing.
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ttl must be at least one second");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        if (maxTokenLength < 256) {
            throw new IllegalArgumentException("maxTokenLength must be at least 256");
        }
    }

    /** Settings with the default lifetime (15 minutes), skew (30 seconds) and size limit (8 KiB). */
    public JwtSettings(String issuer, String audience) {
        this(issuer, audience, DEFAULT_TTL, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_TOKEN_LENGTH);
    }
}
