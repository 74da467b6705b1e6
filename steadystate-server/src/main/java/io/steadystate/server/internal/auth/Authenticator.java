package io.steadystate.server.internal.auth;

import io.steadystate.auth.InvalidTokenException;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.http.ApiException;
import io.steadystate.server.internal.http.Request;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Checks the bearer token of a request; every protected route starts here.
 *
 * <p>A client sends the same token with every request until it expires, and an ES256 signature check
 * costs a few hundred microseconds. Tokens that verified are remembered (by their exact text, so a
 * changed token is checked anew) until their expiry; the cache is bounded and simply emptied when full.
 */
public final class Authenticator {

    private static final int CACHE_LIMIT = 10_000;

    private final JwtKeys keys;
    private final Clock clock;
    private final ConcurrentHashMap<String, VerifiedToken> verified = new ConcurrentHashMap<>();

    /** The web page's cookie sessions, which check their own CSRF token; none until the page is wired in. */
    private volatile Function<Request, Optional<VerifiedToken>> cookies = request -> Optional.empty();

    public Authenticator(JwtKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
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
            return known;
        }
        try {
            VerifiedToken checked = keys.verify(token);
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
}
