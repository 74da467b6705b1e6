package io.steadystate.cli.auth;

import io.steadystate.cli.Main;

/**
 * The server answered with an error: {@code {"error": code, "message": text}} and an HTTP status. A 401
 * ends the command with {@link Main#EXIT_AUTH}, a 502/503/504 (after the retries) with
 * {@link Main#EXIT_UNREACHABLE}, anything else with {@link Main#EXIT_ERROR}.
 */
public final class ApiException extends CliException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(exitCodeFor(status), message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable error code, such as {@code invalid_refresh_token}. */
    public String code() {
        return code;
    }

    static int exitCodeFor(int status) {
        if (status == 401) {
            return Main.EXIT_AUTH;
        }
        return Backoff.retryableStatus(status) ? Main.EXIT_UNREACHABLE : Main.EXIT_ERROR;
    }
}
