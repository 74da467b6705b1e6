package io.steadystate.server.internal.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.api.Identity;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.JwtSettings;
import io.steadystate.server.Config;
import io.steadystate.server.SteadyStateServer;
import io.steadystate.server.internal.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A real server on a loopback port with the test providers as a plugin, and a client that signs its own tokens. */
final class SessionApi implements AutoCloseable {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256-signing";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JwtKeys KEYS = JwtKeys.fromSecret(SECRET.getBytes(StandardCharsets.UTF_8),
            new JwtSettings(SteadyStateServer.TOKEN_ISSUER, SteadyStateServer.TOKEN_AUDIENCE, Duration.ofMinutes(15),
                    JwtSettings.DEFAULT_CLOCK_SKEW, JwtSettings.DEFAULT_MAX_TOKEN_LENGTH));

    final SteadyStateServer server;
    final URI base;

    private SessionApi(SteadyStateServer server) {
        this.server = server;
        this.base = server.baseUri();
    }

    /** Starts a server on {@code dataDir} that finds its compute providers through {@code plugins}. */
    static SessionApi start(Path dataDir, ClassLoader plugins, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("STEADYSTATE_PORT", "0", "STEADYSTATE_BIND_ADDRESS", "127.0.0.1",
                "STEADYSTATE_DATA_DIR", dataDir.toString(), "STEADYSTATE_AUTH_PROVIDERS", "dev",
                "STEADYSTATE_DEV_AUTH", "true", "JWT_SECRET", SECRET));
        env.putAll(extraEnv);
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(plugins);
        try {
            return new SessionApi(SteadyStateServer.start(Config.fromEnv(env)));
        } finally {
            t.setContextClassLoader(before);
        }
    }

    static String token(String provider, String subject, String login) {
        return KEYS.sign(new Identity(provider, subject, login));
    }

    HttpResponse<String> post(String token, String path, String json) throws Exception {
        return send(request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        return send(request(token, path).GET());
    }

    HttpResponse<String> delete(String token, String path) throws Exception {
        return send(request(token, path).DELETE());
    }

    /** Polls {@code GET path} every 20 ms until {@code done} holds, for at most ten seconds. */
    JsonNode await(String token, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(token, path);
            last = json(r);
            if (r.statusCode() == 200 && done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("gave up waiting on " + path + "; last answer: " + last);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
