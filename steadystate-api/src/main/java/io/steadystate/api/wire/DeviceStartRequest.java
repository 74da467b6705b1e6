package io.steadystate.api.wire;

/** {@code POST /auth/device}: which provider to log in with; null means {@code github}. */
public record DeviceStartRequest(String provider) {
}
