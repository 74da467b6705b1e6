package io.steadystate.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.server.Config;
import io.steadystate.server.DatabaseSettings;
import io.steadystate.server.SteadyStateServer;
import io.steadystate.server.internal.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server, in-process on a random loopback port, stopped and started again on the same state. */
class ServerRestartTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void embeddedStoreKeepsUsersKeysAndRefreshTokens(@TempDir Path tmp) throws Exception {
        loginRestartRefresh(tmp, null);
    }

    @Test
    void postgresqlStoreKeepsUsersKeysAndRefreshTokens(@TempDir Path tmp) throws Exception {
        Optional<String> unavailable = PostgresCluster.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "PostgreSQL not available: " + unavailable.orElse(""));
        try (PostgresCluster cluster = PostgresCluster.start()) {
            DatabaseSettings db = cluster.newDatabase();
            String url = db.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + db.user() + ":" + db.password() + "@");
            loginRestartRefresh(tmp, url);
        }
    }

    private static void loginRestartRefresh(Path tmp, String databaseUrl) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("STEADYSTATE_PORT", "0", "STEADYSTATE_BIND_ADDRESS", "127.0.0.1",
                "STEADYSTATE_DATA_DIR", tmp.resolve("data").toString(), "STEADYSTATE_AUTH_PROVIDERS", "dev",
                "STEADYSTATE_DEV_AUTH", "true"));
        if (databaseUrl != null) {
            env.put("STEADYSTATE_DATABASE_URL", databaseUrl);
        }
        Config config = Config.fromEnv(env);
        String refreshToken;
        try (SteadyStateServer server = SteadyStateServer.start(config)) {
            URI base = server.baseUri();
            assertThat(get(base, "/ready", null).statusCode()).isEqualTo(200);
            JsonNode device = json(post(base, "/auth/device", "{\"provider\":\"dev\"}"));
            HttpResponse<String> poll = post(base, "/auth/poll", "{\"device_code\":\"" + device.get("device_code").asText() + "\"}");
            JsonNode done = json(poll);
            assertThat(done.get("status").asText()).as(poll.body()).isEqualTo("complete");
            refreshToken = done.get("refresh_token").asText();
            assertThat(get(base, "/auth/me", done.get("jwt").asText()).statusCode()).isEqualTo(200);
        }
        try (SteadyStateServer again = SteadyStateServer.start(config)) {
            URI base = again.baseUri();
            HttpResponse<String> refreshed = post(base, "/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            HttpResponse<String> me = get(base, "/auth/me", json(refreshed).get("jwt").asText());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(json(me).get("provider").asText()).isEqualTo("dev");
            // The spent token stays spent across the restart.
            assertThat(post(base, "/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}").statusCode()).isEqualTo(401);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    private static HttpResponse<String> post(URI base, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI base, String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
