package io.steadystate.server.internal.sessions;

import io.steadystate.api.Identity;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.SessionState;
import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ForgeCredentials;
import io.steadystate.api.spi.ProvisionedSession;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.store.SessionStore;
import io.steadystate.server.internal.store.StoredSession;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Sessions' life: created {@code Provisioning}, provisioned on a virtual thread into {@code Running} or
 * {@code Failed}, terminated through {@code Terminating} into {@code Terminated}. State changes of one
 * session are serialised, so that a termination asked for while the session is still being provisioned
 * tears down what provisioning produced. Also recovers sessions after a restart and reaps idle ones.
 */
public final class SessionService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server.sessions");

    /** What a session that did not survive a server restart says. */
    public static final String LOST_MESSAGE = "the server restarted and the session's processes are gone";
    private static final int STOP_GRACE_SECONDS = 5;

    private final SessionStore store;
    private final ComputeProviders providers;
    private final Duration idleTimeout;
    private final Clock clock;
    /** The creator's forge credentials, handed to the provider with the session. */
    private final Function<Identity, ForgeCredentials> forgeCredentials;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("session-", 0).factory());
    private final ConcurrentHashMap<SessionId, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Sessions whose provisioning thread has not recorded its outcome yet. */
    private final Set<SessionId> provisioning = ConcurrentHashMap.newKeySet();

    /** A service whose providers get no forge credentials (they cannot publish sessions). */
    public SessionService(SessionStore store, ComputeProviders providers, Duration idleTimeout, Clock clock) {
        this(store, providers, idleTimeout, clock, creator -> ForgeCredentials.none());
    }

    /**
     * @param forgeCredentials the forge credentials of a session's creator: asked for the token only when the
     *                         provider pushes, so that a creator who logs in again is used with the new token
     */
    public SessionService(SessionStore store, ComputeProviders providers, Duration idleTimeout, Clock clock,
            Function<Identity, ForgeCredentials> forgeCredentials) {
        this.forgeCredentials = forgeCredentials;
        this.store = store;
        this.providers = providers;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    public ComputeProviders providers() {
        return providers;
    }

    /** Stores a new session as {@code Provisioning} and provisions it in the background. */
    public SessionInfo create(Identity creator, SessionSpec spec) {
        Instant now = now();
        SessionInfo info = new SessionInfo(SessionId.random(), SessionState.PROVISIONING, spec.mode(), spec.repoUrl(),
                spec.branch(), creator.login(), spec.allowedUsers(), spec.viewers(), spec.provider(), null, null, null,
                null, now, now);
        provisioning.add(info.id());
        try {
            store.insert(creator.principal(), info);
            background.execute(() -> provision(info, spec, creator));
        } catch (RuntimeException e) {
            provisioning.remove(info.id());
            throw e;
        }
        LOG.log(Level.INFO, "session " + info.id() + " provisioning on '" + spec.provider() + "' for " + creator);
        return info;
    }

    /** The most sessions one person may have at once ({@code STEADYSTATE_MAX_SESSIONS_PER_USER}, default 5). */
    public static int maxSessionsPerUser() {
        String v = System.getenv("STEADYSTATE_MAX_SESSIONS_PER_USER");
        try {
            int n = v == null || v.isBlank() ? 5 : Integer.parseInt(v.strip());
            return n > 0 ? n : 5;
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    /** How many sessions {@code principal} created that have not ended (nor failed). */
    public int activeSessionsOf(String principal) {
        return (int) store.listInStates(List.of(SessionState.PROVISIONING, SessionState.RUNNING)).stream()
                .filter(s -> s.creatorPrincipal().equals(principal))
                .count();
    }

    /** Whether {@code caller} may see {@code session}: its creator, or (for GitHub identities) an allowed user or viewer. */
    public static boolean canSee(VerifiedToken caller, StoredSession session) {
        if (isCreator(caller, session)) {
            return true;
        }
        if (!"github".equals(caller.provider())) {
            return false; // allowed users and viewers are GitHub logins
        }
        String login = caller.login().toLowerCase(Locale.ROOT);
        SessionInfo info = session.info();
        return info.allowedUsers().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).equals(login))
                || info.viewers().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).equals(login));
    }

    public static boolean isCreator(VerifiedToken caller, StoredSession session) {
        return session.creatorPrincipal().equals(caller.principal());
    }

    /** The session if {@code caller} may see it; empty for unknown ids and for sessions hidden from the caller. */
    public Optional<StoredSession> find(VerifiedToken caller, SessionId id) {
        return store.find(id).filter(s -> canSee(caller, s));
    }

    /** The sessions {@code caller} may see, oldest first. */
    public List<SessionInfo> list(VerifiedToken caller) {
        return store.listVisibleTo(caller.principal(), caller.login()).stream()
                .filter(s -> canSee(caller, s))
                .map(StoredSession::info)
                .toList();
    }

    /**
     * Marks the session {@code Terminating} and tears it down in the background. Ending a session that has
     * ended already changes nothing.
     */
    public SessionInfo terminate(StoredSession session, String reason) {
        SessionId id = session.info().id();
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            SessionInfo current = store.find(id).map(StoredSession::info).orElse(session.info());
            if (current.state() == SessionState.TERMINATING || current.state() == SessionState.TERMINATED) {
                return current;
            }
            SessionInfo terminating = with(current, SessionState.TERMINATING, reason == null ? current.message() : reason);
            store.update(terminating);
            if (!provisioning.contains(id)) {
                // While provisioning runs, its thread sees Terminating and tears down what it made.
                submit(() -> tearDown(terminating));
            }
            return terminating;
        } finally {
            lock.unlock();
        }
    }

    private void provision(SessionInfo info, SessionSpec spec, Identity creator) {
        SessionId id = info.id();
        ProvisionedSession made = null;
        ComputeProvider provider = null;
        String failure = null;
        try {
            provider = providers.get(spec.provider());
            made = provider.provision(id, spec, creator, forgeCredentials.apply(creator));
            if (made == null) {
                failure = "the compute provider returned nothing";
            } else {
                MagicLink.parse(made.magicLink());
            }
        } catch (ComputeException e) {
            failure = e.getMessage() == null ? "the compute provider failed" : e.getMessage();
        } catch (IllegalArgumentException e) {
            failure = "the compute provider returned an unusable magic link: " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "compute provider '" + spec.provider() + "' failed on session " + id, e);
            failure = "the compute provider failed: " + e;
        }
        if (failure != null && made != null) {
            quietlyTerminate(provider, id);
            made = null;
        }
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            provisioning.remove(id);
            SessionInfo current = store.find(id).map(StoredSession::info).orElse(info);
            if (current.state() == SessionState.TERMINATING) {
                if (made != null) {
                    quietlyTerminate(provider, id);
                }
                store.update(with(current, SessionState.TERMINATED, current.message()));
            } else if (made != null) {
                store.update(new SessionInfo(id, SessionState.RUNNING, current.mode(), current.repoUrl(),
                        current.branch(), current.creator(), current.allowedUsers(), current.viewers(),
                        current.computeProvider(), made.endpoint(), made.magicLink(), made.hostPublicKey(), null,
                        current.createdAt(), now()));
                LOG.log(Level.INFO, "session " + id + " running at " + made.endpoint());
            } else {
                store.update(with(current, SessionState.FAILED, failure));
                LOG.log(Level.INFO, "session " + id + " failed: " + failure);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not record the outcome of provisioning session " + id, e);
        } finally {
            lock.unlock();
        }
    }

    private void tearDown(SessionInfo terminating) {
        SessionId id = terminating.id();
        String message = terminating.message();
        try {
            providers.get(terminating.computeProvider()).terminate(id);
        } catch (ComputeException e) {
            message = "teardown reported: " + e.getMessage();
            LOG.log(Level.WARNING, "session " + id + ": " + message);
        } catch (RuntimeException e) {
            message = "teardown reported: " + e;
            LOG.log(Level.WARNING, "session " + id + " teardown failed", e);
        }
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            SessionInfo current = store.find(id).map(StoredSession::info).orElse(terminating);
            store.update(with(current, SessionState.TERMINATED, message));
            LOG.log(Level.INFO, "session " + id + " terminated");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not record the end of session " + id, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a start: sessions the previous run left {@code Provisioning} or {@code Running} whose processes
     * are gone (or whose provider is no longer installed) become {@code Failed}; running ones that are alive
     * stay; {@code Terminating} ones are torn down again. Returns how many sessions were marked failed.
     */
    public int recover() {
        int failed = 0;
        for (StoredSession s : store.listInStates(List.of(SessionState.PROVISIONING, SessionState.RUNNING,
                SessionState.TERMINATING))) {
            SessionInfo info = s.info();
            ComputeProvider provider;
            try {
                provider = providers.get(info.computeProvider());
            } catch (ComputeException e) {
                store.update(with(info, SessionState.FAILED, LOST_MESSAGE + " (" + e.getMessage() + ")"));
                failed++;
                continue;
            }
            if (info.state() == SessionState.TERMINATING) {
                submit(() -> tearDown(info));
                continue;
            }
            boolean alive;
            try {
                alive = provider.isAlive(info.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "compute provider '" + info.computeProvider() + "' failed to check session "
                        + info.id() + ": " + e);
                alive = false;
            }
            if (info.state() == SessionState.RUNNING && alive) {
                continue;
            }
            if (alive) {
                // Provisioning was cut short by the restart: nothing knows how to reach what it made.
                quietlyTerminate(provider, info.id());
                store.update(with(info, SessionState.FAILED, "the server restarted while the session was being provisioned"));
                failed++;
            } else if (info.state() == SessionState.RUNNING) {
                // The session's data outlives the server: bring it back as it was, in the background.
                ComputeProvider p = provider;
                submit(() -> resume(p, s));
            } else {
                store.update(with(info, SessionState.FAILED, LOST_MESSAGE));
                failed++;
            }
        }
        if (failed > 0) {
            LOG.log(Level.WARNING, failed + " session(s) did not survive the restart and are marked Failed");
        }
        return failed;
    }

    /** Brings back a session that was running when the server stopped; Failed (its data kept) when it cannot. */
    private void resume(ComputeProvider provider, StoredSession s) {
        SessionInfo info = s.info();
        try {
            String[] principal = Identity.splitPrincipal(s.creatorPrincipal());
            Identity creator = new Identity(principal[0], principal[1], info.creator());
            SessionSpec spec = new SessionSpec(info.repoUrl(), info.branch(), info.mode(), info.allowedUsers(),
                    info.viewers(), info.computeProvider());
            ProvisionedSession made = provider.resume(info.id(), spec, creator, forgeCredentials.apply(creator));
            if (!made.magicLink().equals(info.magicLink())) {
                LOG.log(Level.WARNING, "session " + info.id() + " came back with another magic link");
            }
            store.update(new SessionInfo(info.id(), SessionState.RUNNING, info.mode(), info.repoUrl(), info.branch(),
                    info.creator(), info.allowedUsers(), info.viewers(), info.computeProvider(), made.endpoint(),
                    made.magicLink(), made.hostPublicKey(), null, info.createdAt(), now()));
            LOG.log(Level.INFO, "session " + info.id() + " running again at " + made.endpoint());
        } catch (ComputeException | RuntimeException e) {
            store.update(with(info, SessionState.FAILED, LOST_MESSAGE + " and could not be brought back: " + e.getMessage()
                    + " (its data is kept)"));
            LOG.log(Level.WARNING, "session " + info.id() + " could not be brought back: " + e.getMessage());
        }
    }

    /**
     * What ending {@code session} would lose (members' unsynced changes, unpublished commits); empty when
     * nothing, or when the session is not running.
     */
    public List<String> unsavedWork(StoredSession session) {
        SessionInfo info = session.info();
        if (info.state() != SessionState.RUNNING) {
            return List.of();
        }
        try {
            return providers.get(info.computeProvider()).unsavedWork(info.id());
        } catch (ComputeException e) {
            return List.of("could not check for unsaved work: " + e.getMessage());
        }
    }

    /**
     * Terminates running sessions whose provider reports no SSH activity for the idle timeout; sessions
     * whose activity the provider does not know are left alone. Returns how many were reaped.
     */
    public int reapIdle() {
        int reaped = 0;
        Instant cutoff = clock.instant().minus(idleTimeout);
        for (StoredSession s : store.listInStates(List.of(SessionState.RUNNING))) {
            SessionInfo info = s.info();
            Optional<ComputeProvider> provider = providers.existing(info.computeProvider());
            if (provider.isEmpty()) {
                continue;
            }
            Optional<Instant> last;
            try {
                last = provider.get().lastActivity(info.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "compute provider '" + info.computeProvider() + "' failed to report activity of "
                        + info.id() + ": " + e);
                continue;
            }
            if (last.isPresent() && last.get().isBefore(cutoff)) {
                terminate(s, "terminated after " + describe(idleTimeout) + " without an SSH connection");
                reaped++;
            }
        }
        if (reaped > 0) {
            LOG.log(Level.INFO, "reaped " + reaped + " idle session(s)");
        }
        return reaped;
    }

    /** Lets background work finish for a few seconds, then closes the providers (which stops their sessions). */
    @Override
    public void close() {
        background.shutdown();
        try {
            if (!background.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
        providers.close();
    }

    private void submit(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "the server is stopping; a session teardown was not started");
        }
    }

    private static void quietlyTerminate(ComputeProvider provider, SessionId id) {
        try {
            provider.terminate(id);
        } catch (ComputeException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not tear down session " + id + ": " + e.getMessage());
        }
    }

    private ReentrantLock lock(SessionId id) {
        return locks.computeIfAbsent(id, k -> new ReentrantLock());
    }

    private SessionInfo with(SessionInfo i, SessionState state, String message) {
        return new SessionInfo(i.id(), state, i.mode(), i.repoUrl(), i.branch(), i.creator(), i.allowedUsers(),
                i.viewers(), i.computeProvider(), i.endpoint(), i.magicLink(), i.hostPublicKey(), message,
                i.createdAt(), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
