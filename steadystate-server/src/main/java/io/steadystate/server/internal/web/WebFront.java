package io.steadystate.server.internal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.wire.ErrorResponse;
import io.steadystate.api.wire.PollResponse;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.RefreshTokens;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.auth.AuthRoutes;
import io.steadystate.server.internal.http.ApiException;
import io.steadystate.server.internal.http.Json;
import io.steadystate.server.internal.http.Request;
import io.steadystate.server.internal.sessions.SessionService;
import io.steadystate.server.internal.store.StoredSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The web page, served by the server itself in front of the REST API: {@code /} and {@code /web/...} here,
 * every other path to the API. Pages are rendered on the server; the page's script (no framework) signs in
 * with the device flow, follows live streams, and acts through the REST routes themselves, which accept the
 * page's cookie in place of a bearer token ({@link #cookieCaller}) so that every action gets the API's rules.
 *
 * <p>The cookie is HttpOnly and SameSite=Strict (Secure behind TLS); every state-changing request must also
 * carry the page's CSRF token in {@code X-CSRF-Token}, and an {@code Origin}, when sent, must be this host.
 */
public final class WebFront implements HttpHandler, AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server.web");
    private static final int MAX_LOGIN_BODY = 4096;

    private final HttpHandler api;
    private final SessionService sessions;
    private final AuthRoutes auth;
    private final String provider;
    private final WebSettings settings;
    private final Clock clock;
    private final WebSessions webSessions;
    private final Activities activities;
    private final LiveStreams live;
    private final byte[] script = asset("app.js");
    private final byte[] style = asset("app.css");

    public WebFront(HttpHandler api, SessionService sessions, AuthRoutes auth, JwtKeys keys, RefreshTokens refreshTokens,
            String provider, WebSettings settings, Clock clock) {
        this.api = api;
        this.sessions = sessions;
        this.auth = auth;
        this.provider = provider;
        this.settings = settings;
        this.clock = clock;
        this.webSessions = new WebSessions(auth.authenticator(), keys, refreshTokens, clock);
        this.activities = new Activities(sessions.providers());
        this.live = new LiveStreams(sessions, activities, webSessions, clock);
        auth.authenticator().acceptCookies(this::cookieCaller);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        if (!path.equals("/") && !path.startsWith("/web/")) {
            api.handle(ex);
            return;
        }
        long start = System.nanoTime();
        try {
            dispatch(ex, path);
        } catch (ApiException e) {
            WebExchange.json(ex, e.status(), Json.MAPPER.writeValueAsString(new ErrorResponse(e.code(), e.getMessage())));
        } catch (IOException e) {
            // The browser went away mid-answer: nothing to tell it.
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.ERROR, "incident " + incident + " on " + ex.getRequestMethod() + " " + shortPath(path), e);
            try {
                WebExchange.html(ex, 500, Layout.page("Error", "error", "", null,
                        "<h1>Something went wrong</h1><p>The server failed to answer (incident " + incident + "). Try again.</p>"));
            } catch (IOException | RuntimeException ignored) {
                // Headers may be gone already (a live stream); the connection is closed below.
            }
        } finally {
            long micros = (System.nanoTime() - start) / 1000;
            LOG.log(Level.INFO, () -> ex.getRequestMethod() + " " + shortPath(path) + " " + ex.getResponseCode() + " "
                    + micros + "us " + ex.getRemoteAddress().getAddress().getHostAddress());
            ex.close();
        }
    }

    /** Ends the live streams, so that stopping the server does not wait for browsers. */
    @Override
    public void close() {
        live.close();
    }

    private void dispatch(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        String[] parts = path.substring(1).split("/", -1);
        if (path.equals("/")) {
            only(read, "GET, HEAD");
            home(ex);
        } else if (path.equals("/web/app.js")) {
            only(read, "GET, HEAD");
            WebExchange.send(ex, 200, "text/javascript; charset=utf-8", script, "no-cache");
        } else if (path.equals("/web/app.css")) {
            only(read, "GET, HEAD");
            WebExchange.send(ex, 200, "text/css; charset=utf-8", style, "no-cache");
        } else if (path.equals("/web/login/poll")) {
            only(method.equals("POST"), "POST");
            loginPoll(ex);
        } else if (path.equals("/web/logout")) {
            only(method.equals("POST"), "POST");
            logout(ex);
        } else if (path.equals("/web/live")) {
            only(read, "GET");
            live.sessions(ex, signedIn(ex));
        } else if (parts.length == 3 && parts[1].equals("sessions")) {
            only(read, "GET, HEAD");
            sessionPage(ex, parts[2]);
        } else if (parts.length == 4 && parts[1].equals("sessions") && parts[3].equals("live")) {
            only(read, "GET");
            Visible v = visible(ex, parts[2]).orElseThrow(() -> ApiException.notFound("no such session, or it is not shared with you"));
            live.session(ex, v.cookie(), v.session().info().id(), lastEventId(ex));
        } else {
            throw ApiException.notFound("no such page");
        }
    }

    // ---------------------------------------------------------------- pages

    private void home(HttpExchange ex) throws IOException {
        Optional<String> cookie = WebExchange.cookie(ex.getRequestHeaders().get("Cookie"));
        Optional<VerifiedToken> caller = cookie.flatMap(webSessions::caller);
        Optional<WebSession> session = cookie.flatMap(webSessions::find);
        if (session.isEmpty()) {
            String fresh = webSessions.open();
            ex.getResponseHeaders().add("Set-Cookie", WebExchange.setCookie(fresh, settings.secureCookies()));
            session = webSessions.find(fresh);
        }
        String csrf = session.orElseThrow().csrf();
        if (caller.isEmpty()) {
            WebExchange.html(ex, 200, Layout.page("Sign in", "sign-in", csrf, null, Layout.signIn(provider)));
            return;
        }
        VerifiedToken me = caller.get();
        String cards = live.cards(me);
        WebExchange.html(ex, 200, Layout.page("Sessions", "sessions", csrf, me.login(), SessionViews.sessionsPage(cards)));
    }

    private void sessionPage(HttpExchange ex, String rawId) throws IOException {
        Optional<String> cookie = WebExchange.cookie(ex.getRequestHeaders().get("Cookie"));
        Optional<VerifiedToken> caller = cookie.flatMap(webSessions::caller);
        if (caller.isEmpty()) {
            WebExchange.redirect(ex, "/");
            return;
        }
        String csrf = cookie.flatMap(webSessions::find).map(WebSession::csrf).orElse("");
        Optional<StoredSession> found = parseId(rawId).flatMap(id -> sessions.find(caller.get(), id));
        if (found.isEmpty()) {
            WebExchange.html(ex, 404, Layout.page("Not found", "not-found", csrf, caller.get().login(), Layout.notFound()));
            return;
        }
        SessionInfo s = found.get().info();
        boolean creator = SessionService.isCreator(caller.get(), found.get());
        SessionActivity activity = activities.of(s);
        Instant now = clock.instant();
        var members = activity.members(s);
        var recent = activity.recentAfter(0);
        String main = SessionViews.sessionPage(s, SessionViews.summary(s, creator, now), SessionViews.members(members, now),
                SessionViews.conflicts(members), SessionViews.publishes(recent, now), SessionViews.timeline(recent),
                activity.lastSequence());
        WebExchange.html(ex, 200, Layout.page("Session " + s.id().value(), "session", csrf, caller.get().login(), main));
    }

    // ---------------------------------------------------------------- sign-in and out

    /**
     * One poll of the device flow the page started with {@code POST /auth/device}. On approval the tokens stay
     * here: the browser gets a new cookie and the login, nothing else.
     */
    private void loginPoll(HttpExchange ex) throws IOException {
        String cookie = checkedCookie(ex);
        JsonNode body = body(ex);
        JsonNode code = body.get("device_code");
        if (code == null || !code.isTextual() || code.asText().isBlank()) {
            throw ApiException.badRequest("invalid_request", "device_code is required");
        }
        PollResponse r = auth.poll(code.asText());
        if (!"complete".equals(r.status())) {
            WebExchange.json(ex, 200, Json.MAPPER.writeValueAsString(Map.of("status", r.status(),
                    "interval", r.interval() == null ? 0 : r.interval())));
            return;
        }
        String fresh = webSessions.signIn(cookie, new WebSession.Tokens(r.login(), r.jwt(), r.refreshToken()));
        ex.getResponseHeaders().add("Set-Cookie", WebExchange.setCookie(fresh, settings.secureCookies()));
        WebExchange.json(ex, 200, Json.MAPPER.writeValueAsString(Map.of("status", "complete", "login", r.login())));
    }

    private void logout(HttpExchange ex) throws IOException {
        String cookie = checkedCookie(ex);
        webSessions.signOut(cookie);
        ex.getResponseHeaders().add("Set-Cookie", WebExchange.clearCookie(settings.secureCookies()));
        WebExchange.json(ex, 200, "{\"status\":\"signed_out\"}");
    }

    // ---------------------------------------------------------------- the cookie as a credential

    /**
     * For the REST routes: the person behind the request's cookie, if it has one and signed in. A request that
     * changes something must carry the CSRF token and come from this origin, or it is refused outright.
     */
    private Optional<VerifiedToken> cookieCaller(Request request) {
        Optional<String> cookie = WebExchange.cookie(request.header("Cookie").map(List::of).orElse(null));
        if (cookie.isEmpty()) {
            return Optional.empty();
        }
        Optional<WebSession> session = webSessions.find(cookie.get());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        String m = request.method();
        if (!m.equals("GET") && !m.equals("HEAD")) {
            checkCsrf(session.get(), request.header("X-CSRF-Token").orElse(null), request.header("Origin").orElse(null),
                    request.header("Host").orElse(null));
        }
        return webSessions.caller(cookie.get());
    }

    /** The cookie of a state-changing page request, after the CSRF and origin checks. */
    private String checkedCookie(HttpExchange ex) {
        var h = ex.getRequestHeaders();
        String cookie = WebExchange.cookie(h.get("Cookie"))
                .orElseThrow(() -> new ApiException(403, "csrf", "reload the page: its session cookie is missing"));
        WebSession session = webSessions.find(cookie)
                .orElseThrow(() -> new ApiException(403, "csrf", "reload the page: its session expired"));
        checkCsrf(session, h.getFirst("X-CSRF-Token"), h.getFirst("Origin"), h.getFirst("Host"));
        return cookie;
    }

    private static void checkCsrf(WebSession session, String token, String origin, String host) {
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "csrf", "this request lacks the page's CSRF token; reload the page and try again");
        }
        if (origin != null && !sameHost(origin, host)) {
            throw new ApiException(403, "csrf", "requests that change something must come from this server's own page");
        }
    }

    private static boolean sameHost(String origin, String host) {
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Visible(String cookie, StoredSession session) {
    }

    private Optional<Visible> visible(HttpExchange ex, String rawId) {
        String cookie = WebExchange.cookie(ex.getRequestHeaders().get("Cookie"))
                .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "sign in on the page first"));
        VerifiedToken caller = webSessions.caller(cookie)
                .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "sign in on the page first"));
        return parseId(rawId).flatMap(id -> sessions.find(caller, id)).map(s -> new Visible(cookie, s));
    }

    private String signedIn(HttpExchange ex) {
        String cookie = WebExchange.cookie(ex.getRequestHeaders().get("Cookie"))
                .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "sign in on the page first"));
        webSessions.caller(cookie).orElseThrow(() -> ApiException.unauthorized("unauthenticated", "sign in on the page first"));
        return cookie;
    }

    private static long lastEventId(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
        String query = ex.getRequestURI().getRawQuery();
        long after = 0;
        if (query != null && query.startsWith("after=")) {
            after = parseLong(query.substring(6));
        }
        return Math.max(after, header == null ? 0 : parseLong(header));
    }

    private static long parseLong(String s) {
        try {
            return Math.max(0, Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<SessionId> parseId(String raw) {
        try {
            return Optional.of(new SessionId(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json");
        }
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_LOGIN_BODY + 1);
        }
        if (bytes.length > MAX_LOGIN_BODY) {
            throw new ApiException(413, "body_too_large", "request bodies here are limited to " + MAX_LOGIN_BODY + " bytes");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("malformed_json", "send a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "the body is not JSON");
        }
    }

    private static void only(boolean allowed, String methods) {
        if (!allowed) {
            throw new ApiException(405, "method_not_allowed", "this page accepts " + methods);
        }
    }

    private static String shortPath(String p) {
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }

    private static byte[] asset(String name) {
        try (InputStream in = WebFront.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + name + " is missing from the server's module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
