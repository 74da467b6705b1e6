package io.steadystate.api.wire;

/** {@code GET /auth/me}: who the bearer token says the caller is. */
public record MeResponse(String sub, String login, String provider) {
}
