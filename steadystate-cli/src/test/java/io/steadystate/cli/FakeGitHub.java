package io.steadystate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's device-flow and user endpoints, served on loopback: the outside world these tests cannot
 * reach. Each device code answers {@code authorization_pending}, then {@code slow_down}, then a token
 * — unless the test asked for the next login to expire or be denied.
 */
final class FakeGitHub implements AutoCloseable {

    enum Outcome { APPROVE, EXPIRE, DENY }

    private final HttpServer server;
    private final AtomicInteger codes = new AtomicInteger();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private volatile Outcome next = Outcome.APPROVE;
    private volatile String nextUser = "octocat";
    private final Map<String, String> tokenUsers = new ConcurrentHashMap<>();
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/login/device/code", this::deviceCode);
        server.createContext("/login/oauth/access_token", this::token);
        server.createContext("/user", this::user);
        server.createContext("/", this::keys);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the next approved login is. */
    void nextUser(String login) {
        nextUser = login;
    }

    /** The public keys GitHub publishes for {@code login} at {@code /<login>.keys}. */
    void publishKeys(String login, String authorizedKeysLines) {
        keys.put(login, authorizedKeysLines);
    }

    /** What the next device code started will end in. */
    void nextLogin(Outcome outcome) {
        next = outcome;
    }

    private void deviceCode(HttpExchange ex) throws IOException {
        String code = "device-" + codes.incrementAndGet();
        outcomes.put(code, next);
        next = Outcome.APPROVE;
        send(ex, 200, "{\"device_code\":\"" + code + "\",\"user_code\":\"ABCD-1234\",\"verification_uri\":\""
                + url() + "/login/device\",\"expires_in\":900,\"interval\":1}");
    }

    private void token(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String code = form.replaceAll(".*device_code=([^&]*).*", "$1");
        Outcome outcome = outcomes.get(code);
        if (outcome == null) {
            send(ex, 200, "{\"error\":\"incorrect_device_code\"}");
            return;
        }
        int n = polls.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        switch (outcome) {
            case EXPIRE -> send(ex, 200, "{\"error\":\"expired_token\"}");
            case DENY -> send(ex, 200, "{\"error\":\"access_denied\"}");
            case APPROVE -> {
                if (n <= 2) {
                    send(ex, 200, n == 1 ? "{\"error\":\"authorization_pending\"}" : "{\"error\":\"slow_down\",\"interval\":2}");
                } else {
                    String token = "gho_fake_token_" + code;
                    tokenUsers.putIfAbsent(token, nextUser);
                    send(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user\"}");
                }
            }
        }
    }

    private void user(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String login = auth == null ? null : tokenUsers.get(auth.replaceFirst("(?i)^(Bearer|token) ", ""));
        if (login == null) {
            send(ex, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        send(ex, 200, "{\"login\":\"" + login + "\",\"id\":" + (Math.abs(login.hashCode()) % 1_000_000 + 1) + "}");
    }

    private void keys(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String login = path.endsWith(".keys") ? path.substring(1, path.length() - ".keys".length()) : null;
        String published = login == null ? null : keys.get(login);
        byte[] body = (published == null ? "Not Found" : published).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(published == null ? 404 : 200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
