package io.steadystate.server.internal.web;

import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.sessions.SessionService;
import io.steadystate.server.internal.store.StoredSession;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who created each session, by principal (a login alone could belong to two providers), remembered: a session's
 * creator never changes, and the sessions page would otherwise ask the store once per card on every render.
 */
final class Creators {

    private static final int LIMIT = 50_000;

    private final SessionService sessions;
    private final ConcurrentHashMap<SessionId, String> principals = new ConcurrentHashMap<>();

    Creators(SessionService sessions) {
        this.sessions = sessions;
    }

    /** Whether {@code caller} created {@code session}: {@link SessionService#isCreator}, the rule {@code DELETE /sessions/{id}} applies. */
    boolean isCreator(VerifiedToken caller, SessionInfo session) {
        if (!session.creator().equalsIgnoreCase(caller.login())) {
            return false;
        }
        if (principals.size() >= LIMIT) {
            principals.clear();
        }
        String principal = principals.computeIfAbsent(session.id(),
                id -> sessions.find(caller, id).map(StoredSession::creatorPrincipal).orElse(null));
        return caller.principal().equals(principal);
    }
}
