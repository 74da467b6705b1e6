package io.steadystate.auth;

import java.util.Objects;

/**
 * A refresh token was refused. {@link #reason()} is one of {@code unknown}, {@code expired},
 * {@code revoked} or {@code reused}; clients see all of them as {@code invalid_refresh_token}. The
 * message never contains the token.
 */
public final class InvalidRefreshTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public InvalidRefreshTokenException(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The short reason code. */
    public String reason() {
        return reason;
    }
}
