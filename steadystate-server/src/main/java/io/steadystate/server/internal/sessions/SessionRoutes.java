package io.steadystate.server.internal.sessions;

import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.wire.CreateSessionRequest;
import io.steadystate.api.wire.SessionResponse;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.auth.Authenticator;
import io.steadystate.server.internal.http.ApiException;
import io.steadystate.server.internal.http.Request;
import io.steadystate.server.internal.http.Response;
import io.steadystate.server.internal.http.Router;
import io.steadystate.server.internal.store.StoredSession;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code POST /sessions}, {@code GET /sessions}, {@code GET /sessions/{id}} and {@code DELETE /sessions/{id}}.
 * A session exists, as far as a caller can tell, only if the caller may see it: unknown ids and hidden
 * sessions both answer 404, so ids cannot be probed.
 */
public final class SessionRoutes {

    private final SessionService sessions;
    private final Authenticator authenticator;
    private final List<Path> allowedRepoRoots;

    public SessionRoutes(SessionService sessions, Authenticator authenticator, List<Path> allowedRepoRoots) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.allowedRepoRoots = List.copyOf(allowedRepoRoots);
    }

    public void register(Router router) {
        router.route("POST", "/sessions", this::create)
                .route("GET", "/sessions", this::list)
                .route("GET", "/sessions/{id}", this::get)
                .route("DELETE", "/sessions/{id}", this::delete);
    }

    private Response create(Request request) throws Exception {
        VerifiedToken caller = authenticator.caller(request);
        CreateSessionRequest body = request.json(CreateSessionRequest.class);
        SessionSpec spec = SessionRequests.validate(body, caller.login(), allowedRepoRoots,
                ComputeProviders.DEFAULT_PROVIDER);
        ComputeProviders providers = sessions.providers();
        if (!providers.isInstalled(spec.provider())) {
            throw ApiException.badRequest("unknown_provider", "compute provider '" + spec.provider()
                    + "' is not installed on this server; installed: " + providers.installed());
        }
        int limit = SessionService.maxSessionsPerUser();
        if (sessions.activeSessionsOf(caller.principal()) >= limit) {
            throw new ApiException(429, "too_many_sessions", "you have " + limit + " sessions already (the limit is"
                    + " STEADYSTATE_MAX_SESSIONS_PER_USER=" + limit + "); end one with steadystate down first");
        }
        SessionInfo info = sessions.create(caller.identity(), spec);
        return Response.accepted(SessionResponse.from(info));
    }

    private Response list(Request request) {
        VerifiedToken caller = authenticator.caller(request);
        return Response.ok(sessions.list(caller).stream().map(SessionResponse::from).toList());
    }

    private Response get(Request request) {
        VerifiedToken caller = authenticator.caller(request);
        return Response.ok(SessionResponse.from(visible(caller, request).info()));
    }

    private Response delete(Request request) {
        VerifiedToken caller = authenticator.caller(request);
        StoredSession session = visible(caller, request);
        if (!SessionService.isCreator(caller, session)) {
            throw ApiException.forbidden("only the session's creator may terminate it");
        }
        String discard = request.query("discard").orElse("false");
        if (!discard.equals("true") && !discard.equals("false")) {
            throw ApiException.badRequest("invalid_request", "discard must be true or false");
        }
        if (discard.equals("false")) {
            List<String> unsaved = sessions.unsavedWork(session);
            if (!unsaved.isEmpty()) {
                throw new ApiException(409, "unsaved_work", "ending the session would lose: " + String.join("; ", unsaved)
                        + ". Sync and publish first, or end it anyway with discard=true (steadystate down --discard)");
            }
        }
        return Response.accepted(SessionResponse.from(sessions.terminate(session, null)));
    }

    private StoredSession visible(VerifiedToken caller, Request request) {
        String raw = request.pathParam("id");
        SessionId id;
        try {
            id = new SessionId(raw);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return sessions.find(caller, id).orElseThrow(SessionRoutes::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("no such session, or it is not shared with you");
    }
}
