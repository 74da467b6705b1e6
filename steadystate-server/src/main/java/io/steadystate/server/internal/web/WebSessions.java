package io.steadystate.server.internal.web;

import io.steadystate.auth.InvalidRefreshTokenException;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.RefreshTokens;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.auth.Authenticator;
import io.steadystate.server.internal.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browsers' sessions, in memory: the cookie is 256 random bits, the server keeps only its SHA-256, so a
 * memory dump does not hand out cookies. A server restart signs everyone out of the page (their refresh
 * tokens stay valid for the command line). Signing in makes a new cookie, so one planted before sign-in is
 * worth nothing after it.
 */
final class WebSessions {

    /** A browser not seen for this long is forgotten. */
    static final Duration IDLE_LIMIT = Duration.ofHours(12);
    /** Bounds memory against a client that collects anonymous cookies; the stalest go first. */
    static final int MAX_SESSIONS = 20_000;
    /** The JWT is renewed this long before it expires. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, WebSession> byHash = new ConcurrentHashMap<>();
    private final Authenticator authenticator;
    private final JwtKeys keys;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    WebSessions(Authenticator authenticator, JwtKeys keys, RefreshTokens refreshTokens, Clock clock) {
        this.authenticator = authenticator;
        this.keys = keys;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** A new anonymous session; returns the cookie value (only the browser keeps it). */
    String open() {
        return put(new WebSession(random(), null, clock.instant()));
    }

    Optional<WebSession> find(String cookie) {
        if (cookie == null || cookie.length() != 43) {
            return Optional.empty();
        }
        String hash = hash(cookie);
        WebSession s = byHash.get(hash);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (s.lastSeen().plus(IDLE_LIMIT).isBefore(now)) {
            byHash.remove(hash);
            return Optional.empty();
        }
        if (Duration.between(s.lastSeen(), now).toSeconds() >= 60) {
            byHash.computeIfPresent(hash, (h, cur) -> cur.seen(now)); // a write a minute, not one a request
        }
        return Optional.of(s);
    }

    /** Replaces {@code oldCookie}'s session with a signed-in one under a new cookie; returns that cookie. */
    String signIn(String oldCookie, WebSession.Tokens tokens) {
        if (oldCookie != null) {
            byHash.remove(hash(oldCookie));
        }
        return put(new WebSession(random(), tokens, clock.instant()));
    }

    /** Forgets the session and revokes its refresh token. */
    void signOut(String cookie) {
        WebSession s = cookie == null ? null : byHash.remove(hash(cookie));
        if (s != null && s.signedIn() != null) {
            refreshTokens.revoke(s.signedIn().refreshToken());
        }
    }

    /**
     * The person behind a cookie, checked by the REST API's {@link Authenticator}; a JWT close to expiry is
     * renewed with the refresh token first. Empty when the cookie is unknown or signed out, or the refresh
     * token was revoked (the session then ends).
     */
    Optional<VerifiedToken> caller(String cookie) {
        Optional<WebSession> found = find(cookie);
        if (found.isEmpty() || found.get().signedIn() == null) {
            return Optional.empty();
        }
        String hash = hash(cookie);
        WebSession.Tokens tokens = found.get().signedIn();
        VerifiedToken verified = verifyOrNull(tokens.jwt());
        if (verified != null && verified.expiresAt().isAfter(clock.instant().plus(RENEW_BEFORE))) {
            return Optional.of(verified);
        }
        synchronized (this) {
            WebSession current = byHash.get(hash);
            if (current == null || current.signedIn() == null) {
                return Optional.empty();
            }
            if (!current.signedIn().jwt().equals(tokens.jwt())) {
                return Optional.ofNullable(verifyOrNull(current.signedIn().jwt())); // another request renewed it
            }
            try {
                RefreshTokens.Issued next = refreshTokens.rotate(tokens.refreshToken());
                WebSession.Tokens renewed = new WebSession.Tokens(tokens.login(), keys.sign(next.identity(), next.familyId()), next.token());
                byHash.put(hash, current.withTokens(renewed));
                return Optional.ofNullable(verifyOrNull(renewed.jwt()));
            } catch (InvalidRefreshTokenException e) {
                byHash.remove(hash);
                return Optional.empty();
            }
        }
    }

    private VerifiedToken verifyOrNull(String jwt) {
        try {
            return authenticator.verify(jwt);
        } catch (ApiException e) {
            return null;
        }
    }

    int size() {
        return byHash.size();
    }

    private String put(WebSession session) {
        if (byHash.size() >= MAX_SESSIONS) {
            Instant cutoff = clock.instant().minus(IDLE_LIMIT);
            byHash.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
            if (byHash.size() >= MAX_SESSIONS) {
                byHash.values().removeIf(s -> s.signedIn() == null);
            }
        }
        String cookie = random();
        byHash.put(hash(cookie), session);
        return cookie;
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String hash(String cookie) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cookie.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
