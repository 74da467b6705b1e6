package io.steadystate.api.wire;

/** {@code POST /auth/revoke}. */
public record RevokeRequest(String refreshToken) {

    @Override
    public String toString() {
        return "RevokeRequest[refreshToken=***]";
    }
}
