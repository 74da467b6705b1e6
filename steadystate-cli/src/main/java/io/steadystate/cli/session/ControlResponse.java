package io.steadystate.cli.session;

/**
 * One answer of a session's control socket, as sent (snake_case on the wire). {@code ok} says which
 * fields are set: on success those of the operation, on failure {@code error} (a code such as
 * {@code unauthorized}, {@code non_fast_forward}) and {@code message} (what to do, for people).
 */
public record ControlResponse(boolean ok, String error, String message, String login, String worktree,
        String sessionId, String branch, String commit, String remote, String socket, String role) {
}
