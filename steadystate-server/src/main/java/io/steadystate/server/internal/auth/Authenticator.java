package io.steadystate.server.internal.auth;

import io.steadystate.auth.InvalidTokenException;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.RevokedFamilies;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.http.ApiException;
import io.steadystate.server.internal.http.Request;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks the bearer token of a request; every protected route starts here.
 *
 * <p>A client sends the same token with every request until it expires, and an ES256 signature check
 * costs a few hundred microseconds. Tokens that verified are remembered (by their exact text, so a
 * changed token is checked anew) until their expiry; the cache is bounded and simply emptied when full.
 *
 * <p>A token whose refresh-token family was revoked (log-out, or reuse of a spent refresh token) is
 * refused from then on. The deny-list is consulted on every request, cached token or not, since a
 * token may have been cached before its family was revoked.
 */
public final class Authenticator {

    private static final int CACHE_LIMIT = 10_000;

    private final JwtKeys keys;
    private final RevokedFamilies revoked;
    private final Clock clock;
    private final ConcurrentHashMap<String, VerifiedToken> verified = new ConcurrentHashMap<>();

    /** The web page's cookie sessions, which check their own CSRF token; none until the page is wired in. */
    private volatile Function<Request, Optional<VerifiedToken>> cookies = request -> Optional.empty();

    public Authenticator(JwtKeys keys, RevokedFamilies revoked, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.revoked = Objects.requireNonNull(revoked, "revoked");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The verified caller, or a 401 that says what is wrong with the token (never the token itself). */
    public VerifiedToken caller(Request request) {
        if (request.bearerToken().isEmpty()) {
            Optional<VerifiedToken> browser = cookies.apply(request);
            if (browser.isPresent()) {
                return browser.get();
            }
        }
        return verify(request.bearerToken()
                .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "send 'Authorization: Bearer <jwt>'; log in with steadystate login")));
    }

    /** Lets a browser's session cookie stand in for the bearer token, so the page gets exactly the API's rules. */
    public void acceptCookies(Function<Request, Optional<VerifiedToken>> cookieSessions) {
        this.cookies = cookieSessions;
    }

    /** Verifies a bearer token, from the cache while it is valid; a 401 otherwise. */
    public VerifiedToken verify(String token) {
        VerifiedToken known = verified.get(token);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return notRevoked(token, known);
        }
        try {
            VerifiedToken checked = notRevoked(token, keys.verify(token));
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.put(token, checked);
            return checked;
        } catch (InvalidTokenException e) {
            verified.remove(token);
            String code = e.reason().equals("expired") ? "token_expired" : "invalid_token";
            throw ApiException.unauthorized(code, e.getMessage());
        }
    }

    private VerifiedToken notRevoked(String token, VerifiedToken checked) {
        if (revoked.isRevoked(checked.familyId())) {
            // Forgotten so that the cache holds live tokens only; the deny-list alone decides anyway.
            verified.remove(token);
            throw ApiException.unauthorized("invalid_token",
                    "this login was revoked (logged out, or its refresh token was used twice); log in again with steadystate login");
        }
        return checked;
    }
}
