package io.steadystate.api.wire;

/** The device flow started: show {@code verificationUri} and {@code userCode}, poll every {@code interval} seconds. */
public record DeviceStartResponse(String deviceCode, String userCode, String verificationUri, long expiresIn,
        long interval) {

    @Override
    public String toString() {
        return "DeviceStartResponse[userCode=" + userCode + ", verificationUri=" + verificationUri + "]";
    }
}
