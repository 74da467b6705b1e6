package io.steadystate.cli.session;

/** How a publish of the session branch ended. */
public sealed interface PublishResult {

    /** The session branch is on the session's origin at {@code commit}; {@code remote} carries no credentials. */
    record Published(String branch, String commit, String remote) implements PublishResult {
    }

    /**
     * Nothing was published: {@code error} is {@code auth}, {@code non_fast_forward}, {@code network},
     * {@code rejected}, {@code no_origin} or {@code not_found}, and {@code message} says what to do.
     */
    record PublishFailed(String error, String message) implements PublishResult {
    }
}
