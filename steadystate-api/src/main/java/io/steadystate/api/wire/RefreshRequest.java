package io.steadystate.api.wire;

/** {@code POST /auth/refresh}. */
public record RefreshRequest(String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=***]";
    }
}
