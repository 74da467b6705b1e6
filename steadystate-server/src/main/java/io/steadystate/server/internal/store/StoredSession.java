package io.steadystate.server.internal.store;

import io.steadystate.api.SessionInfo;
import java.util.Objects;

/**
 * A session as stored: what the server reports of it, and who created it.
 *
 * @param creatorPrincipal the creator's {@link io.steadystate.api.Identity#principal()}
 * @param info             the session
 */
public record StoredSession(String creatorPrincipal, SessionInfo info) {

    public StoredSession {
        Objects.requireNonNull(creatorPrincipal, "creatorPrincipal");
        Objects.requireNonNull(info, "info");
    }
}
