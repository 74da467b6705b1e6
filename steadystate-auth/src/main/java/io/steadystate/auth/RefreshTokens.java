package io.steadystate.auth;

import io.steadystate.api.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Long-lived refresh tokens that are rotated on every use. A token that is presented again after it
 * was rotated means it leaked (or a client misbehaves): the whole family of tokens descended from
 * that login is revoked. Only SHA-256 hashes of tokens are stored. Thread-safe when the store is.
 *
 * <p>Access tokens are signed with the family of the refresh token issued alongside them
 * ({@link Issued#familyId()}); {@link #onFamilyRevoked} tells a {@link RevokedFamilies} deny-list of
 * each revocation so that those access tokens stop working at once rather than when they expire.
 */
public final class RefreshTokens {

    /** How long a refresh token stays valid unless configured otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);

    private static final int TOKEN_BYTES = 32;
    // 32 bytes are 43 base64url characters; anything much longer is not ours and is not hashed.
    private static final int MAX_TOKEN_LENGTH = 128;

    private final RefreshTokenStore store;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final List<Consumer<RevokedFamily>> revocationListeners = new CopyOnWriteArrayList<>();

    /** Tokens valid for {@link #DEFAULT_TTL}, timed by the system clock. */
    public RefreshTokens(RefreshTokenStore store) {
        this(store, Clock.systemUTC(), DEFAULT_TTL);
    }

    /** Tokens valid for {@code ttl}, timed by {@code clock}. */
    public RefreshTokens(RefreshTokenStore store, Clock clock, Duration ttl) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.ttl = ttl;
    }

    /** How long each token stays valid. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * Calls {@code listener} after every revocation of a family made here, whether by {@link #revoke}
     * or by reuse detection in {@link #rotate}, on the thread that revoked it. It must not throw.
     */
    public void onFamilyRevoked(Consumer<RevokedFamily> listener) {
        revocationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The families revoked at or after {@code since}, as the store remembers them. */
    public List<RevokedFamily> revokedSince(Instant since) {
        return store.familiesRevokedSince(Objects.requireNonNull(since, "since"));
    }

    /** A new token for a fresh login, starting a new family. */
    public Issued issue(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        return issueInFamily(UUID.randomUUID().toString(), identity);
    }

    /**
     * Exchanges a token for a new one of the same family and identity; the presented token is spent.
     *
     * @throws InvalidRefreshTokenException when the token is unknown, expired, revoked, or was already
     *                                      rotated (reason {@code reused}; the family is then revoked)
     */
    public Issued rotate(String presented) throws InvalidRefreshTokenException {
        RefreshTokenRecord record = find(presented)
                .orElseThrow(() -> new InvalidRefreshTokenException("unknown", "the refresh token is not known"));
        Instant now = clock.instant();
        // Spent before revoked: a spent token presented again is reuse even once its family is revoked.
        if (record.rotatedAt() != null) {
            throw reused(record, now);
        }
        if (record.revokedAt() != null) {
            throw new InvalidRefreshTokenException("revoked", "the refresh token was revoked");
        }
        if (!now.isBefore(record.expiresAt())) {
            throw new InvalidRefreshTokenException("expired", "the refresh token has expired");
        }
        if (!store.markRotated(record.tokenHash(), now)) {
            // Someone else rotated or revoked it between our read and now.
            throw reused(record, now);
        }
        Issued next = issueInFamily(record.familyId(), record.identity());
        // A concurrent reuse may have revoked the family before the new token was stored, which
        // would leave the new one alive: look again and revoke once more to cover it.
        boolean familyRevoked = store.findByHash(record.tokenHash())
                .map(r -> r.revokedAt() != null)
                .orElse(true);
        if (familyRevoked) {
            revokeFamily(record.familyId(), now);
        }
        return next;
    }

    /** Revokes the family of {@code presented}; unknown tokens and repeated calls do nothing. */
    public void revoke(String presented) {
        find(presented).ifPresent(record -> {
            if (record.revokedAt() == null) {
                revokeFamily(record.familyId(), clock.instant());
            }
        });
    }

    private InvalidRefreshTokenException reused(RefreshTokenRecord record, Instant now) {
        revokeFamily(record.familyId(), now);
        return new InvalidRefreshTokenException("reused",
                "the refresh token was already used; every token of this login is revoked");
    }

    // Every revocation goes through here, so that no path forgets to void the family's access tokens.
    private void revokeFamily(String familyId, Instant at) {
        store.revokeFamily(familyId, at);
        RevokedFamily revoked = new RevokedFamily(familyId, at);
        for (Consumer<RevokedFamily> listener : revocationListeners) {
            listener.accept(revoked);
        }
    }

    private Optional<RefreshTokenRecord> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return store.findByHash(hash(presented));
    }

    private Issued issueInFamily(String familyId, Identity identity) {
        String token = randomToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        store.insert(new RefreshTokenRecord(hash(token), familyId, identity, now, expiresAt, null, null));
        return new Issued(token, expiresAt, identity, familyId);
    }

    private String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token's characters, lower-case hex: what the store keeps. */
    static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * A refresh token handed to a client.
     *
     * @param token     the token itself; give it to the client only, never log it
     * @param expiresAt when it stops working
     * @param identity  whom it belongs to
     * @param familyId  the family it belongs to; sign the access token handed out with it into the same
     *                  family ({@link JwtKeys#sign(Identity, String)}) so that revoking the family voids both
     */
    public record Issued(String token, Instant expiresAt, Identity identity, String familyId) {

        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(identity, "identity");
            if (familyId == null || familyId.isBlank()) {
                throw new IllegalArgumentException("familyId must not be empty");
            }
        }

        @Override
        public String toString() {
            return "Issued[token=<hidden>, expiresAt=" + expiresAt + ", identity=" + identity + ", family="
                    + familyId + "]";
        }
    }
}
