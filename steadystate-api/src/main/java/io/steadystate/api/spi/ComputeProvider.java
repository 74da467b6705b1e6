package io.steadystate.api.spi;

import io.steadystate.api.Identity;
import io.steadystate.api.SessionEvent;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs sessions somewhere: a clone of the repository, an SSH server that lets in only the invited
 * people, a worktree per person. The server calls {@link #provision} on a background thread and
 * records the outcome; implementations are thread-safe.
 */
public interface ComputeProvider extends AutoCloseable {

    /** The name this provider was registered under. */
    String name();

    /**
     * Creates the session and starts its SSH server; blocks until it accepts connections. On
     * failure, everything created so far is removed and the exception says why, for people.
     */
    ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator) throws ComputeException;

    /**
     * Like {@link #provision(SessionId, SessionSpec, Identity)}, with the creator's forge credentials for
     * the pushes the provider makes for the session (publishing its branch). Providers that push keep
     * {@code credentials} and ask it for the token when they push; the default ignores it.
     */
    default ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator, ForgeCredentials credentials)
            throws ComputeException {
        return provision(id, spec, creator);
    }

    /**
     * Brings back a session this provider provisioned before the server stopped (or was killed): the same
     * endpoint, magic link and host key, every member's work as it was. Servers call it at start for each
     * session that was running. The default says that this provider's sessions cannot come back.
     */
    default ProvisionedSession resume(SessionId id, SessionSpec spec, Identity creator, ForgeCredentials credentials)
            throws ComputeException {
        throw new ComputeException("the '" + name() + "' compute provider cannot bring sessions back after a restart");
    }

    /**
     * Stops the session's processes and keeps its data, so that {@link #resume} can run it again (the idle
     * reaper). The default says that this provider cannot; the server then ends idle sessions instead.
     */
    default void stop(SessionId id) throws ComputeException {
        throw new ComputeException("the '" + name() + "' compute provider cannot stop a session without ending it");
    }

    /**
     * What ending the session now would lose, for people: members' changes not synced yet and session
     * commits not published, one line each; empty when nothing would be lost (or the provider cannot
     * tell, which is the default).
     */
    default java.util.List<String> unsavedWork(SessionId id) throws ComputeException {
        return java.util.List.of();
    }

    /** Whether the session's processes are still running (after a server restart they may not be). */
    boolean isAlive(SessionId id);

    /** Stops the session and removes what it holds; idempotent. */
    void terminate(SessionId id) throws ComputeException;

    /**
     * When someone was last connected to the session over SSH: the current time while a connection is
     * open, else when the last one closed (or when the session started, if no one has connected yet).
     * The server's idle reaper terminates a running session whose last activity is older than
     * {@code STEADYSTATE_SESSION_IDLE_TIMEOUT}. Empty means the provider does not know, and such a
     * session is never reaped; that is the default.
     */
    default Optional<Instant> lastActivity(SessionId id) {
        return Optional.empty();
    }

    /**
     * Why this provider's sessions are not isolated from the server and from each other, or empty
     * when they are. Servers report it loudly at start-up and in {@code GET /health}.
     */
    default Optional<String> isolationProblem() {
        return Optional.empty();
    }

    /**
     * What happened in a running session after event {@code afterSequence} (0 for everything), oldest first:
     * connections, syncs with the paths they left in conflict, publishes, other activity. Empty when the
     * provider does not know (the default) or the session is gone. Called often by live views, so it is cheap.
     */
    default List<SessionEvent> events(SessionId id, long afterSequence) {
        return List.of();
    }

    /** Runs commands inside a running session. */
    RemoteExecutor executor(SessionId id) throws ComputeException;

    /**
     * Stops every session of this provider that still runs, keeping their data: a server that stops (or
     * restarts) never deletes sessions; only {@link #terminate} does.
     */
    @Override
    void close();
}
