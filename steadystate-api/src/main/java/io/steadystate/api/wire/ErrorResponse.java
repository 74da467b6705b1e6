package io.steadystate.api.wire;

/** Every error: a stable machine-readable {@code error} code and a {@code message} for people. */
public record ErrorResponse(String error, String message) {
}
