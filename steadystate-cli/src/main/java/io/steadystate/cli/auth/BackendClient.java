package io.steadystate.cli.auth;

import com.fasterxml.jackson.core.JacksonException;
import io.steadystate.api.wire.ErrorResponse;
import io.steadystate.api.wire.RefreshRequest;
import io.steadystate.api.wire.TokenResponse;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.SessionFile.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The CLI's side of the REST API: JSON in and out over {@link HttpClient} (connect timeout 5 s, 30 s per
 * request), error bodies turned into {@link ApiException}, transient failures retried with {@link Backoff},
 * and {@link #requestWithAuth} keeping the JWT fresh with the stored refresh token.
 */
public final class BackendClient {

    /** Waits between attempts; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Which failures a request may be sent again after. */
    public enum Retry {
        /** Connection errors of any kind and 502/503/504: for requests that may safely run twice. */
        TRANSIENT,
        /**
         * Only failures that show the server did not act on the request: a refused or timed-out connection
         * and 503. For requests with effects, such as spending a refresh token.
         */
        NOT_PROCESSED
    }

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A JWT that expires within this is refreshed before it is used. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);
    static final String LOGIN_AGAIN = "your login has expired or was revoked; run steadystate login";
    static final String NOT_LOGGED_IN = "not logged in; run steadystate login";

    private final URI base;
    private final HttpClient http;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final SessionFile sessions;
    private final CredentialStores stores;

    BackendClient(URI base, HttpClient http, Backoff backoff, Sleeper sleeper, Clock clock, DoubleSupplier random,
            SessionFile sessions, CredentialStores stores) {
        this.base = base;
        this.http = http;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.sessions = sessions;
        this.stores = stores;
    }

    /** A client for {@code base} that keeps its login in {@code sessions} and {@code stores}. */
    public static BackendClient create(URI base, SessionFile sessions, CredentialStores stores) {
        return new BackendClient(base, defaultHttpClient(), Backoff.DEFAULT, Thread::sleep, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), sessions, stores);
    }

    /** A client for the configured backend and config folder of this machine. */
    public static BackendClient create(CliConfig config) {
        return create(config.backendUrl(), new SessionFile(config.configDir()),
                CredentialStores.forThisMachine(config.configDir()));
    }

    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                // Plain HTTP/1.1: no h2c upgrade dance with the server's HTTP/1.1 stack.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The server's base URL. */
    public URI base() {
        return base;
    }

    /** Sends {@code body} as JSON to {@code path} without credentials and reads the answer as {@code type}. */
    public <T> T post(String path, Object body, Class<T> type, Retry retry) {
        return send("POST", path, body, null, type, retry);
    }

    /**
     * Sends a request with the stored JWT. Refreshes it first when it expires within {@link #REFRESH_MARGIN},
     * and once more when the server answers 401 to a JWT that was not just refreshed. GET, PUT and DELETE are
     * retried on transient failures, POST only when the server did not process it.
     *
     * @throws CliException with {@link Main#EXIT_AUTH} when not logged in or the login has ended
     */
    public <T> T requestWithAuth(String method, String path, Object body, Class<T> type) {
        String m = method.toUpperCase(Locale.ROOT);
        Retry retry = m.equals("POST") || m.equals("PATCH") ? Retry.NOT_PROCESSED : Retry.TRANSIENT;
        Session session = currentSession();
        boolean refreshed = false;
        if (shouldRefresh(session.jwtExpiry(), clock.instant())) {
            session = refresh(session);
            refreshed = true;
        }
        try {
            return send(m, path, body, session.jwt(), type, retry);
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            if (refreshed) {
                throw new CliException(Main.EXIT_AUTH, LOGIN_AGAIN, e);
            }
        }
        session = refresh(session);
        try {
            return send(m, path, body, session.jwt(), type, retry);
        } catch (ApiException e) {
            throw e.status() == 401 ? new CliException(Main.EXIT_AUTH, LOGIN_AGAIN, e) : e;
        }
    }

    /**
     * Whether a JWT that expires at {@code expiry} should be refreshed before use at {@code now}: when it
     * expires within {@link #REFRESH_MARGIN} or has expired. An unknown expiry is not refreshed ahead; a 401
     * will tell.
     */
    public static boolean shouldRefresh(Optional<Instant> expiry, Instant now) {
        return expiry.isPresent() && !now.plus(REFRESH_MARGIN).isBefore(expiry.get());
    }

    /** The stored login for this client's server. */
    public Session currentSession() {
        Session s = sessions.read().orElseThrow(() -> new CliException(Main.EXIT_AUTH, NOT_LOGGED_IN));
        if (!base.toString().equals(s.backendUrl())) {
            throw new CliException(Main.EXIT_AUTH, "not logged in to " + base + " (logged in to " + s.backendUrl()
                    + "); run steadystate login");
        }
        return s;
    }

    /**
     * Trades the stored refresh token for a new JWT and a new refresh token (the old one is spent), stores
     * both and returns the new login. Holds a lock file in the config folder meanwhile, so that two commands
     * running at once do not both spend the same refresh token: the second one finds the JWT renewed.
     */
    public Session refresh(Session current) {
        try {
            SecureFiles.privateDirectory(sessions.path().getParent());
            try (FileChannel ch = FileChannel.open(sessions.path().resolveSibling("refresh.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.lock(); // released when the channel closes
                Session latest = sessions.read().orElseThrow(() -> new CliException(Main.EXIT_AUTH, NOT_LOGGED_IN));
                if (!latest.jwt().equals(current.jwt()) && !shouldRefresh(latest.jwtExpiry(), clock.instant())) {
                    return latest;
                }
                CredentialStore store = stores.named(latest.credentialStore())
                        .orElseThrow(() -> new CliException(Main.EXIT_AUTH, "the refresh token is kept in the "
                                + latest.credentialStore() + " store, which this machine does not have now; "
                                + "run steadystate login"));
                String refreshToken = store.load(latest.backendUrl())
                        .orElseThrow(() -> new CliException(Main.EXIT_AUTH, LOGIN_AGAIN));
                TokenResponse tokens;
                try {
                    tokens = post("/auth/refresh", new RefreshRequest(refreshToken), TokenResponse.class,
                            Retry.NOT_PROCESSED);
                } catch (ApiException e) {
                    if (e.status() == 400 || e.status() == 401) {
                        throw new CliException(Main.EXIT_AUTH, LOGIN_AGAIN, e);
                    }
                    throw e;
                }
                if (tokens == null || tokens.jwt() == null || tokens.refreshToken() == null) {
                    throw new CliException(Main.EXIT_ERROR, "the server's answer to /auth/refresh has no tokens");
                }
                try {
                    store.store(latest.backendUrl(), tokens.refreshToken());
                } catch (IOException e) {
                    throw new CliException(Main.EXIT_ERROR, "cannot keep the new refresh token (" + e.getMessage()
                            + "); run steadystate login", e);
                }
                Session renewed = latest.withJwt(tokens.jwt(), Jwts.expiry(tokens.jwt()).orElse(null));
                sessions.write(renewed);
                return renewed;
            }
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot update the login in " + sessions.path().getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Sends one request, retrying as {@code retry} allows with the backoff's delays, and maps the answer.
     *
     * @param bearer the JWT, or null for none
     * @param type   the record to read a 2xx body into; {@code Void.class} to ignore it
     */
    <T> T send(String method, String path, Object body, String bearer, Class<T> type, Retry retry) {
        HttpRequest request = request(method, path, body, bearer);
        for (int attempt = 1;; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (retryable(e, retry) && backoff.mayRetryAfter(attempt)) {
                    pause(attempt);
                    continue;
                }
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(Main.EXIT_ERROR, "interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return read(response, type);
            }
            boolean again = retry == Retry.TRANSIENT ? Backoff.retryableStatus(status) : status == 503;
            if (again && backoff.mayRetryAfter(attempt)) {
                pause(attempt);
                continue;
            }
            throw error(response);
        }
    }

    private HttpRequest request(String method, String path, Object body, String bearer) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.build();
    }

    private static boolean retryable(IOException e, Retry retry) {
        return retry == Retry.TRANSIENT || e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
    }

    private void pause(int attempt) {
        try {
            sleeper.sleep(backoff.delay(attempt, random.getAsDouble()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Main.EXIT_ERROR, "interrupted", e);
        }
    }

    private CliException unreachable(IOException e) {
        String why = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage()
                : e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
        return new CliException(Main.EXIT_UNREACHABLE, "cannot reach the SteadyState server at " + base + " (" + why
                + "); is it running? " + CliConfig.BACKEND_URL_VARIABLE + " chooses another one", e);
    }

    private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        if (type == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "unexpected answer from " + response.request().uri() + ": "
                    + e.getMessage(), e);
        }
    }

    private ApiException error(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        ErrorResponse body = null;
        try {
            body = response.body().length == 0 ? null : Json.mapper().readValue(response.body(), ErrorResponse.class);
        } catch (IOException e) {
            // not our JSON: a proxy's page, say
        }
        String code = body != null && body.error() != null ? body.error() : "http_" + status;
        String message = body != null && body.message() != null ? body.message()
                : "the server at " + base + " answered " + status + " to " + response.request().method() + " "
                        + response.request().uri().getPath();
        return new ApiException(status, code, message);
    }
}
