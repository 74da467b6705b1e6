package io.steadystate.api.wire;

/** {@code POST /auth/poll}. */
public record PollRequest(String deviceCode) {

    @Override
    public String toString() {
        return "PollRequest[deviceCode=***]";
    }
}
