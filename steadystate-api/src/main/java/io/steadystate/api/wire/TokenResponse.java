package io.steadystate.api.wire;

/** New tokens from {@code POST /auth/refresh}: the old refresh token is spent. */
public record TokenResponse(String jwt, String refreshToken, String refreshExpiresAt) {

    @Override
    public String toString() {
        return "TokenResponse[refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
