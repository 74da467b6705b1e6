package io.steadystate.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.server.Config;
import io.steadystate.server.SteadyStateServer;
import io.steadystate.server.internal.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, in-process on a random loopback port with the dev provider and the embedded store:
 * an access token stops working as soon as its login is revoked, restarts included.
 */
class TokenRevocationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A login's tokens as /auth/poll or /auth/refresh hands them out. */
    record Login(String jwt, String refreshToken) {
    }

    @TempDir
    Path tmp;

    @Test
    void revokingALoginRefusesItsAccessTokenAtOnceAndNoOtherLogins() throws Exception {
        try (SteadyStateServer server = SteadyStateServer.start(config())) {
            URI base = server.baseUri();
            Login mine = login(base);
            Login other = login(base);
            assertThat(get(base, "/auth/me", mine.jwt()).statusCode()).isEqualTo(200);

            HttpResponse<String> revoke = post(base, "/auth/revoke", refreshBody(mine.refreshToken()));
            assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(200);

            assertRevoked(get(base, "/auth/me", mine.jwt()));
            assertRevoked(get(base, "/sessions", mine.jwt()));
            assertThat(get(base, "/auth/me", other.jwt()).statusCode()).isEqualTo(200);
            assertThat(get(base, "/sessions", other.jwt()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reusingASpentRefreshTokenRefusesEveryAccessTokenOfItsLogin() throws Exception {
        try (SteadyStateServer server = SteadyStateServer.start(config())) {
            URI base = server.baseUri();
            Login first = login(base);
            Login other = login(base);
            Login second = refresh(base, first.refreshToken());
            assertThat(get(base, "/auth/me", first.jwt()).statusCode()).isEqualTo(200);
            assertThat(get(base, "/auth/me", second.jwt()).statusCode()).isEqualTo(200);

            HttpResponse<String> reuse = post(base, "/auth/refresh", refreshBody(first.refreshToken()));
            assertThat(reuse.statusCode()).isEqualTo(401);

            assertRevoked(get(base, "/auth/me", first.jwt()));
            assertRevoked(get(base, "/auth/me", second.jwt()));
            assertThat(get(base, "/auth/me", other.jwt()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aLoginRevokedBeforeARestartStaysRefusedAfterIt() throws Exception {
        Config config = config();
        Login revoked;
        Login leaked;
        Login live;
        try (SteadyStateServer server = SteadyStateServer.start(config)) {
            URI base = server.baseUri();
            revoked = login(base);
            live = login(base);
            Login leakedFirst = login(base);
            leaked = refresh(base, leakedFirst.refreshToken());
            assertThat(post(base, "/auth/revoke", refreshBody(revoked.refreshToken())).statusCode()).isEqualTo(200);
            assertThat(post(base, "/auth/refresh", refreshBody(leakedFirst.refreshToken())).statusCode()).isEqualTo(401);
        }
        try (SteadyStateServer again = SteadyStateServer.start(config)) {
            URI base = again.baseUri();
            assertRevoked(get(base, "/auth/me", revoked.jwt()));
            assertRevoked(get(base, "/auth/me", leaked.jwt()));
            HttpResponse<String> me = get(base, "/auth/me", live.jwt());
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(json(me).get("login").asText()).isNotBlank();
        }
    }

    private Config config() {
        return Config.fromEnv(Map.of("STEADYSTATE_PORT", "0", "STEADYSTATE_BIND_ADDRESS", "127.0.0.1",
                "STEADYSTATE_DATA_DIR", tmp.resolve("data").toString(), "STEADYSTATE_AUTH_PROVIDERS", "dev",
                "STEADYSTATE_DEV_AUTH", "true"));
    }

    private static void assertRevoked(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo("invalid_token");
        assertThat(body.get("message").asText()).contains("revoked").contains("log in again");
    }

    private static Login login(URI base) throws Exception {
        JsonNode device = json(post(base, "/auth/device", "{\"provider\":\"dev\"}"));
        HttpResponse<String> poll = post(base, "/auth/poll",
                "{\"device_code\":\"" + device.get("device_code").asText() + "\"}");
        JsonNode done = json(poll);
        assertThat(done.path("status").asText()).as(poll.body()).isEqualTo("complete");
        return new Login(done.get("jwt").asText(), done.get("refresh_token").asText());
    }

    private static Login refresh(URI base, String refreshToken) throws Exception {
        HttpResponse<String> r = post(base, "/auth/refresh", refreshBody(refreshToken));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        return new Login(body.get("jwt").asText(), body.get("refresh_token").asText());
    }

    private static String refreshBody(String refreshToken) {
        return "{\"refresh_token\":\"" + refreshToken + "\"}";
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
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
