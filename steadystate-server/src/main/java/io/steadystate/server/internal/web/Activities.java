package io.steadystate.server.internal.web;

import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionState;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.server.internal.sessions.ComputeProviders;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every running session's folded events, shared by all pages and live streams: a hundred browsers watching
 * one session ask its provider once per refresh between them, not once each.
 */
final class Activities {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server.web");

    private final ComputeProviders providers;
    private final ConcurrentHashMap<SessionId, SessionActivity> bySession = new ConcurrentHashMap<>();

    Activities(ComputeProviders providers) {
        this.providers = providers;
    }

    /** The session's activity brought up to date; an empty one for sessions that do not run (any more). */
    SessionActivity of(SessionInfo info) {
        if (info.state() != SessionState.RUNNING) {
            SessionActivity ended = bySession.remove(info.id());
            return ended == null ? new SessionActivity() : ended;
        }
        SessionActivity activity = bySession.computeIfAbsent(info.id(), id -> new SessionActivity());
        Optional<ComputeProvider> provider = providers.existing(info.computeProvider());
        if (provider.isPresent()) {
            try {
                activity.add(provider.get().events(info.id(), activity.lastSequence()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "compute provider '" + info.computeProvider() + "' failed to report events of "
                        + info.id() + ": " + e);
            }
        }
        return activity;
    }
}
