package io.steadystate.server;

import com.sun.net.httpserver.HttpServer;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.wire.HealthResponse;
import io.steadystate.auth.AuthProviders;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.JwtSettings;
import io.steadystate.auth.RefreshTokens;
import io.steadystate.server.internal.auth.AuthRoutes;
import io.steadystate.server.internal.auth.ForgeTokens;
import io.steadystate.server.internal.http.RateLimiter;
import io.steadystate.server.internal.http.Response;
import io.steadystate.server.internal.http.Router;
import io.steadystate.server.internal.sessions.ComputeProviders;
import io.steadystate.server.internal.sessions.SessionRoutes;
import io.steadystate.server.internal.sessions.SessionService;
import io.steadystate.server.internal.store.Store;
import io.steadystate.server.internal.web.WebFront;
import io.steadystate.server.internal.web.WebSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import io.steadystate.api.spi.ComputeException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running server: REST routes on the JDK's HTTP server with a virtual thread per request, the
 * store, the signing keys and the identity providers. {@link #close()} stops it gracefully.
 */
public final class SteadyStateServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server");
    /** Requests in flight get this long to finish when the server stops. */
    private static final int STOP_GRACE_SECONDS = 5;
    /** Issuer and audience of SteadyState's tokens. */
    public static final String TOKEN_ISSUER = "steadystate";
    public static final String TOKEN_AUDIENCE = "steadystate";

    private final HttpServer http;
    private final ExecutorService requests;
    private final ScheduledExecutorService housekeeping;
    private final Store store;
    private final SessionService sessions;
    private final WebFront web;

    private SteadyStateServer(HttpServer http, ExecutorService requests, ScheduledExecutorService housekeeping, Store store,
            SessionService sessions, WebFront web) {
        this.web = web;
        this.http = http;
        this.requests = requests;
        this.housekeeping = housekeeping;
        this.store = store;
        this.sessions = sessions;
    }

    /** Starts a server; fails with a message for people when the configuration cannot work. */
    public static SteadyStateServer start(Config config) throws IOException, AuthProviderException {
        Files.createDirectories(config.dataDir());
        restrictToOwner(config);
        Clock clock = Clock.systemUTC();
        JwtSettings jwtSettings = new JwtSettings(TOKEN_ISSUER, TOKEN_AUDIENCE, config.jwtTtl(),
                JwtSettings.DEFAULT_CLOCK_SKEW, JwtSettings.DEFAULT_MAX_TOKEN_LENGTH);
        JwtKeys keys = config.jwtSecret() != null
                ? JwtKeys.fromSecret(config.jwtSecret().getBytes(StandardCharsets.UTF_8), jwtSettings)
                : JwtKeys.loadOrCreateEcKey(config.dataDir(), jwtSettings);
        Map<String, AuthProvider> providers = AuthProviders.load(config.providerSettings(), config.enabledAuthProviders());
        Store store = Store.open(config);
        SessionService sessions = null;
        try {
            ForgeTokens forgeTokens = new ForgeTokens(config.dataDir(), store.users());
            forgeTokens.checkKeyFile();
            RefreshTokens refreshTokens = new RefreshTokens(store.refreshTokens(), clock, RefreshTokens.DEFAULT_TTL);
            // Unauthenticated routes that cost a provider call or a token: a few per second per address.
            Router router = new Router(config.maxBodyBytes(), new RateLimiter(5, 20, clock));
            String defaultProvider = providers.containsKey("github") ? "github" : providers.keySet().iterator().next();
            AuthRoutes authRoutes = new AuthRoutes(providers, defaultProvider, keys, refreshTokens, store.deviceFlows(),
                    (identity, at) -> store.users().upsert(identity, at), forgeTokens, clock);
            authRoutes.register(router);
            ComputeProviders computeProviders = ComputeProviders.load(config);
            sessions = new SessionService(store.sessions(), computeProviders, config.sessionIdleTimeout(), clock,
                    creator -> forgeTokens.credentials(creator.principal()));
            sessions.recover();
            new SessionRoutes(sessions, authRoutes.authenticator(), config.allowedRepoRoots()).register(router);
            Map<String, String> isolation = isolation(computeProviders);
            router.route("GET", "/health", r -> Response.ok(new HealthResponse("ok", version(), isolation)))
                    .route("GET", "/ready", r -> store.ping()
                            ? Response.ok(new HealthResponse("ok", version(), Map.of("store", "ok")))
                            : new Response(503, new HealthResponse("unavailable", version(), Map.of("store", "unreachable")), Map.of()));

            HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
            ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(requests);
            WebFront web = new WebFront(router, sessions, authRoutes, keys, refreshTokens, defaultProvider,
                    WebSettings.fromEnv(System.getenv()), clock);
            http.createContext("/", web);
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofVirtual().name("housekeeping").factory());
            housekeeping.scheduleWithFixedDelay(() -> purge(store, clock), 1, 10, TimeUnit.MINUTES);
            housekeeping.scheduleWithFixedDelay(reaper(sessions), 1, 1, TimeUnit.MINUTES);
            http.start();
            return new SteadyStateServer(http, requests, housekeeping, store, sessions, web);
        } catch (IOException | RuntimeException e) {
            if (sessions != null) {
                sessions.close();
            }
            store.close();
            throw e;
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    public URI baseUri() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /**
     * Stops accepting, lets requests in flight and session work finish for a few seconds, closes the
     * compute providers (which stops the sessions they run), then closes the store.
     */
    @Override
    public void close() {
        web.close();
        http.stop(STOP_GRACE_SECONDS);
        housekeeping.shutdownNow();
        requests.shutdown();
        try {
            requests.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.close();
        store.close();
    }

    /**
     * Whether the default compute provider isolates sessions, for {@code /health}; said loudly on
     * stderr at start-up when it does not.
     */
    private static Map<String, String> isolation(ComputeProviders providers) {
        if (!providers.isInstalled(ComputeProviders.DEFAULT_PROVIDER)) {
            return Map.of("sessions", "no '" + ComputeProviders.DEFAULT_PROVIDER + "' compute provider installed");
        }
        try {
            Optional<String> problem = providers.get(ComputeProviders.DEFAULT_PROVIDER).isolationProblem();
            if (problem.isPresent()) {
                System.err.println("WARNING: " + problem.get());
                LOG.log(Level.WARNING, problem.get());
                return Map.of("sessions", "NOT isolated: " + problem.get());
            }
            return Map.of("sessions", "isolated");
        } catch (ComputeException e) {
            return Map.of("sessions", "compute provider unavailable: " + e.getMessage());
        }
    }

    static String version() {
        return SteadyStateServer.class.getModule().getDescriptor() == null
                ? "dev"
                : SteadyStateServer.class.getModule().getDescriptor().rawVersion().orElse("dev");
    }

    private static void purge(Store store, Clock clock) {
        try {
            int purged = store.purgeExpired(clock.instant());
            if (purged > 0) {
                LOG.log(Level.DEBUG, "purged " + purged + " expired records");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not purge expired records: " + e.getMessage());
        }
    }

    private static Runnable reaper(SessionService sessions) {
        return () -> {
            try {
                sessions.reapIdle();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not reap idle sessions: " + e.getMessage());
            }
        };
    }

    private static void restrictToOwner(Config config) throws IOException {
        try {
            Files.setPosixFilePermissions(config.dataDir(), PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to tighten.
        }
    }

}
