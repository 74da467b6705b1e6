package io.steadystate.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.JwtSettings;
import io.steadystate.auth.RefreshTokens;
import io.steadystate.server.DatabaseSettings;
import io.steadystate.server.internal.http.RateLimiter;
import io.steadystate.server.internal.http.Router;
import io.steadystate.server.internal.store.Store;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A login through the device flow keeps the provider's token sealed on the server and never hands it out. */
class AuthRoutesForgeTokenTest {

    static final Identity OCTOCAT = new Identity("github", "583231", "octocat");
    static final String FORGE_TOKEN = "gho_forge-token-that-must-stay-on-the-server";

    /** Approves every code at once, with a forge token. */
    static final class Approving implements AuthProvider {
        @Override
        public String name() {
            return "github";
        }

        @Override
        public DeviceAuthorization start() {
            return new DeviceAuthorization("provider-code", "ABCD-EFGH", URI.create("https://github.example/device"),
                    Duration.ofMinutes(10), Duration.ZERO);
        }

        @Override
        public DevicePollResult poll(String deviceCode) {
            return new DevicePollResult.Approved(OCTOCAT, FORGE_TOKEN);
        }
    }

    @Test
    void theForgeTokenIsSealedInTheStoreAndInNoAnswer(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        Clock clock = Clock.systemUTC();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Store store = Store.open(DatabaseSettings.embedded(dataDir))) {
            ForgeTokens forgeTokens = new ForgeTokens(dataDir, store.users());
            JwtKeys jwt = JwtKeys.fromSecret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                    new JwtSettings("steadystate", "steadystate", Duration.ofMinutes(15), Duration.ZERO, 8192));
            AuthRoutes routes = new AuthRoutes(Map.of("github", new Approving()), "github", jwt,
                    new RefreshTokens(store.refreshTokens(), clock, RefreshTokens.DEFAULT_TTL), store.deviceFlows(),
                    (identity, at) -> store.users().upsert(identity, at), forgeTokens, clock);
            Router router = new Router(65536, new RateLimiter(100, 100, clock));
            routes.register(router);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", router);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
                String device = post(http, base, "/auth/device", "{}").body();
                String code = device.replaceAll(".*\"device_code\":\"([^\"]+)\".*", "$1");
                HttpResponse<String> poll = post(http, base, "/auth/poll", "{\"device_code\":\"" + code + "\"}");
                assertThat(poll.statusCode()).as(poll.body()).isEqualTo(200);
                assertThat(poll.body()).contains("\"status\":\"complete\"").doesNotContain(FORGE_TOKEN);
                String jwtToken = poll.body().replaceAll(".*\"jwt\":\"([^\"]+)\".*", "$1");
                HttpResponse<String> me = http.send(HttpRequest.newBuilder(base.resolve("/auth/me"))
                        .header("Authorization", "Bearer " + jwtToken).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(me.statusCode()).isEqualTo(200);
                assertThat(me.body()).contains("octocat").doesNotContain(FORGE_TOKEN);
            } finally {
                server.stop(0);
            }
            assertThat(forgeTokens.find(OCTOCAT.principal())).contains(FORGE_TOKEN);
            assertThat(store.users().sealedForgeToken(OCTOCAT.principal())).get().asString().doesNotContain(FORGE_TOKEN);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
