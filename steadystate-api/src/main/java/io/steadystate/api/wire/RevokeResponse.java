package io.steadystate.api.wire;

/** {@code POST /auth/revoke} always answers {@code revoked: true}: revoking twice is not an error. */
public record RevokeResponse(boolean revoked) {
}
