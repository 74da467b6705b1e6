package io.steadystate.api.spi;

import java.util.Optional;

/**
 * The forge access token of a session's creator (a GitHub token, say), for the pushes the server makes
 * on the session's behalf. It is looked up each time it is needed, so a provider keeps the supplier, not
 * the token: a creator who logs in again is used with the new token.
 *
 * <p>Implementations and callers never log the token, never write it to a file, an environment variable
 * or a repository configuration that session users can read, and never return it to a client.
 */
@FunctionalInterface
public interface ForgeCredentials {

    /** The access token now; empty when the server holds none for the creator. */
    Optional<String> accessToken();

    /** No credentials: pushes go out without a token. */
    static ForgeCredentials none() {
        return Optional::empty;
    }
}
