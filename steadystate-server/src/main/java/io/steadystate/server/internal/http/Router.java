package io.steadystate.server.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Dispatches requests to handlers by method and path ({@code /sessions/{id}} style patterns), turns
 * every failure into a JSON error with the right status, limits clients, and logs one line per request
 * (method, path, status, time, client) — never headers, query strings or bodies, where secrets live.
 */
public final class Router implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.steadystate.server.http");

    /** A request handler. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    private record Route(String method, String[] segments, Handler handler, boolean limited) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final int maxBodyBytes;
    private final RateLimiter limiter;

    public Router(int maxBodyBytes, RateLimiter limiter) {
        this.maxBodyBytes = maxBodyBytes;
        this.limiter = limiter;
    }

    /** Adds a route open to any client as often as it likes. */
    public Router route(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler, false));
        return this;
    }

    /** Adds a route that each client address may call only at the limiter's rate. */
    public Router limitedRoute(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler, true));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        int status = 500;
        try {
            Response response = dispatch(exchange);
            status = response.status();
            send(exchange, response);
        } catch (ApiException e) {
            status = e.status();
            Map<String, String> headers = new HashMap<>();
            if (e.status() == 401) {
                headers.put("WWW-Authenticate", "Bearer");
            }
            if (e.status() == 429) {
                headers.put("Retry-After", Long.toString(limiter.retryAfterSeconds()));
            }
            if (e instanceof MethodNotAllowed m) {
                headers.put("Allow", m.allowed);
            }
            send(exchange, new Response(e.status(), new io.steadystate.api.wire.ErrorResponse(e.code(), e.getMessage()), headers));
        } catch (Exception e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.ERROR, "incident " + incident + " on " + exchange.getRequestMethod() + " " + safePath(exchange), e);
            status = 500;
            send(exchange, new Response(500, new io.steadystate.api.wire.ErrorResponse("internal",
                    "the server failed to answer (incident " + incident + "); try again or report it"), Map.of()));
        } finally {
            long micros = (System.nanoTime() - start) / 1000;
            LOG.log(Level.INFO, () -> exchange.getRequestMethod() + " " + safePath(exchange) + " " + exchange.getResponseCode()
                    + " " + micros + "us " + exchange.getRemoteAddress().getAddress().getHostAddress());
            exchange.close();
        }
    }

    private Response dispatch(HttpExchange exchange) throws Exception {
        String[] path = split(exchange.getRequestURI().getRawPath());
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments, path);
            if (params == null) {
                continue;
            }
            if (!route.method.equals(exchange.getRequestMethod())) {
                allowed.add(route.method);
                continue;
            }
            if (route.limited && !limiter.tryAcquire(exchange.getRemoteAddress().getAddress().getHostAddress())) {
                throw new ApiException(429, "rate_limited", "too many requests from this address; slow down");
            }
            return route.handler.handle(new Request(exchange, params, maxBodyBytes));
        }
        if (!allowed.isEmpty()) {
            throw new MethodNotAllowed(String.join(", ", allowed));
        }
        throw ApiException.notFound("no such route: " + exchange.getRequestMethod() + " " + safePath(exchange));
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        return path.replaceAll("^/+|/+$", "").split("/+", -1);
    }

    /** The path only, cut short: query strings may carry secrets and paths may be attacker-sized. */
    private static String safePath(HttpExchange exchange) {
        String p = exchange.getRequestURI().getRawPath();
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body() == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(response.body());
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        private final String allowed;

        MethodNotAllowed(String allowed) {
            super(405, "method_not_allowed", "this route accepts " + allowed);
            this.allowed = allowed;
        }
    }
}
