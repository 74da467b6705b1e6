package io.steadystate.auth;

import java.util.Objects;

/**
 * A token was refused. {@link #reason()} is a short stable code for logs and clients
 * ({@code expired}, {@code bad_signature}, {@code malformed}, {@code too_large}, {@code wrong_issuer},
 * {@code wrong_audience}, {@code not_yet_valid}, {@code unsupported_algorithm}, {@code missing_claims},
 * {@code invalid_claims}); the message is for people. Neither ever contains the token.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidTokenException(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The short reason code. */
    public String reason() {
        return reason;
    }
}
