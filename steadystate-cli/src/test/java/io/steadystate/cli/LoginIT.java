package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.steadystate.cli.CliProcess.Run;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login end to end: the real CLI ({@code bin/steadystate}) against the real server
 * ({@code bin/steadystate server}, embedded database), with GitHub faked on loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginIT {

    private static final Path LAUNCHER = CliProcess.LAUNCHER;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path shared;

    private static FakeGitHub github;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        server = new ServerProcess(LAUNCHER, shared.resolve("data"), serverEnv());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (github != null) {
            github.close();
        }
    }

    private static Map<String, String> serverEnv() {
        // Tokens live 30 s: every CLI call is then within a minute of expiry and refreshes first.
        return Map.of("GITHUB_CLIENT_ID", "test-client", "GITHUB_BASE_URL", github.url(), "GITHUB_API_URL", github.url(),
                "STEADYSTATE_JWT_TTL", "30");
    }

    private static Run cli(String backend, Path configDir, String... args) throws Exception {
        return CliProcess.run(backend, configDir, args);
    }

    private static String refreshToken(Path configDir) throws IOException {
        Matcher m = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(configDir.resolve("refresh-token")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loginRefreshRotationReuseAndLogout(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config");
        Run login = cli(server.url(), config, "login", "--provider", "github");
        assertThat(login.exit()).as(login.toString()).isZero();
        assertThat(login.stdout() + login.stderr()).contains("ABCD-1234").contains(github.url() + "/login/device");
        assertThat(login.stdout()).contains("octocat");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("session.json")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("refresh-token")))).isEqualTo("rw-------");
        String first = refreshToken(config);

        Run whoami = cli(server.url(), config, "whoami", "--json");
        assertThat(whoami.exit()).as(whoami.toString()).isZero();
        assertThat(whoami.stdout()).contains("\"login\":\"octocat\"").contains("\"provider\":\"github\"");
        String second = refreshToken(config);
        assertThat(second).as("the JWT was near expiry, so whoami refreshed and the refresh token rotated").isNotEqualTo(first);

        // Someone replays the spent token: the server refuses it and revokes the whole family.
        HttpResponse<String> replay = post(server.url() + "/auth/refresh", "application/json", "{\"refresh_token\":\"" + first + "\"}");
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("invalid_refresh_token");
        Run afterTheft = cli(server.url(), config, "whoami");
        assertThat(afterTheft.exit()).as(afterTheft.toString()).isEqualTo(1);
        assertThat(afterTheft.stderr()).contains("steadystate login");

        Run again = cli(server.url(), config, "login");
        assertThat(again.exit()).as(again.toString()).isZero();
        Run logout = cli(server.url(), config, "logout");
        assertThat(logout.exit()).as(logout.toString()).isZero();
        assertThat(config.resolve("session.json")).doesNotExist();
        assertThat(config.resolve("refresh-token")).doesNotExist();
        Run loggedOut = cli(server.url(), config, "whoami");
        assertThat(loggedOut.exit()).isEqualTo(1);
        assertThat(loggedOut.stderr()).contains("not logged in");
    }

    @Test
    void loginThatExpiresOrIsRefusedSaysSo(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config");
        github.nextLogin(FakeGitHub.Outcome.EXPIRE);
        Run expired = cli(server.url(), config, "login");
        assertThat(expired.exit()).as(expired.toString()).isEqualTo(1);
        assertThat(expired.stderr()).containsIgnoringCase("expired");
        github.nextLogin(FakeGitHub.Outcome.DENY);
        Run denied = cli(server.url(), config, "login");
        assertThat(denied.exit()).as(denied.toString()).isEqualTo(1);
        assertThat(denied.stderr()).containsAnyOf("denied", "refused");
        assertThat(config.resolve("session.json")).doesNotExist();
    }

    @Test
    void logoutWithTheServerDownStillForgetsLocally(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config");
        String url;
        try (ServerProcess own = new ServerProcess(LAUNCHER, tmp.resolve("data"), serverEnv())) {
            url = own.url();
            assertThat(cli(url, config, "login").exit()).isZero();
        }
        Run logout = cli(url, config, "logout");
        assertThat(logout.exit()).as(logout.toString()).isZero();
        assertThat(logout.stderr() + logout.stdout()).containsIgnoringCase("could not");
        assertThat(config.resolve("session.json")).doesNotExist();
        assertThat(config.resolve("refresh-token")).doesNotExist();
    }

    @Test
    void aRestartKeepsUsersKeysAndRefreshTokens(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config");
        Path data = tmp.resolve("data");
        Map<String, String> env = new HashMap<>(serverEnv());
        env.put("STEADYSTATE_PORT", Integer.toString(freePort()));
        String url;
        try (ServerProcess first = new ServerProcess(LAUNCHER, data, env)) {
            url = first.url();
            assertThat(cli(url, config, "login").exit()).isZero();
        }
        try (ServerProcess second = new ServerProcess(LAUNCHER, data, env)) {
            assertThat(second.url()).isEqualTo(url);
            Run whoami = cli(url, config, "whoami", "--json");
            assertThat(whoami.exit()).as(whoami + "\n" + second.log()).isZero();
            assertThat(whoami.stdout()).contains("octocat");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // it exhausts this address's allowance on the rate-limited routes
    void badTokensAndBadRequestsGetClearErrors() throws Exception {
        String url = server.url();
        assertThat(get(url + "/auth/me", null).statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = get(url + "/auth/me", "not-a-jwt");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(garbage.body()).contains("\"error\":\"invalid_token\"");
        assertThat(garbage.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"github:583231\",\"login\":\"octocat\",\"provider\":\"github\",\"iss\":\"steadystate\","
                + "\"aud\":\"steadystate\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
        assertThat(get(url + "/auth/me", none).statusCode()).isEqualTo(401);
        String forged = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new byte[32]);
        assertThat(get(url + "/auth/me", forged).statusCode()).isEqualTo(401);
        assertThat(get(url + "/auth/me", "x".repeat(20_000)).statusCode()).isEqualTo(401);

        HttpResponse<String> big = post(url + "/auth/poll", "application/json", "{\"device_code\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(post(url + "/auth/poll", "text/plain", "{\"device_code\":\"x\"}").statusCode()).isEqualTo(415);
        HttpResponse<String> malformed = post(url + "/auth/poll", "application/json", "{\"device_code\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(post(url + "/auth/poll", "application/json", "{\"device_code\":\"unknown\"}").body()).contains("invalid_device_code");
        assertThat(get(url + "/no/such/route", null).statusCode()).isEqualTo(404);
        assertThat(get(url + "/auth/refresh", null).statusCode()).isEqualTo(405);
        HttpResponse<String> unknownProvider = post(url + "/auth/device", "application/json", "{\"provider\":\"myspace\"}");
        assertThat(unknownProvider.statusCode()).isEqualTo(400);
        assertThat(unknownProvider.body()).contains("unknown_provider");

        int limited = 0;
        for (int i = 0; i < 40 && limited == 0; i++) {
            HttpResponse<String> r = post(url + "/auth/refresh", "application/json", "{\"refresh_token\":\"nope\"}");
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(r.statusCode()).isEqualTo(401);
            }
        }
        assertThat(limited).as("a client hammering /auth/refresh is rate-limited").isPositive();
        assertThat(server.log()).doesNotContain("nope").doesNotContain("x".repeat(100));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
