package io.steadystate.api.wire;

/**
 * The answer to {@code POST /auth/poll}: {@code status} is {@code pending} (with {@code error}
 * {@code slow_down} when the client polls too fast and {@code interval} the new wait in seconds) or
 * {@code complete} with the tokens.
 */
public record PollResponse(String status, String error, Long interval, String jwt, String refreshToken,
        String refreshExpiresAt, String login, String provider) {

    public static PollResponse pending() {
        return new PollResponse("pending", null, null, null, null, null, null, null);
    }

    public static PollResponse slowDown(long intervalSeconds) {
        return new PollResponse("pending", "slow_down", intervalSeconds, null, null, null, null, null);
    }

    public static PollResponse complete(String jwt, String refreshToken, String refreshExpiresAt, String login,
            String provider) {
        return new PollResponse("complete", null, null, jwt, refreshToken, refreshExpiresAt, login, provider);
    }

    @Override
    public String toString() {
        return "PollResponse[status=" + status + ", error=" + error + ", login=" + login + "]";
    }
}
