package io.steadystate.server.internal.auth;

import io.steadystate.auth.InvalidTokenException;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.http.ApiException;
import io.steadystate.server.internal.http.Request;

/** Checks the bearer token of a request; every protected route starts here. */
public final class Authenticator {

    private final JwtKeys keys;

    public Authenticator(JwtKeys keys) {
        this.keys = keys;
    }

    /** The verified caller, or a 401 that says what is wrong with the token (never the token itself). */
    public VerifiedToken caller(Request request) {
        String token = request.bearerToken()
                .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "send 'Authorization: Bearer <jwt>'; log in with steadystate login"));
        try {
            return keys.verify(token);
        } catch (InvalidTokenException e) {
            String code = e.reason().equals("expired") ? "token_expired" : "invalid_token";
            throw ApiException.unauthorized(code, e.getMessage());
        }
    }
}
