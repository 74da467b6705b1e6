package io.steadystate.auth.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.api.spi.ProviderSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GitHubProviderTest {

    private static final String DEVICE = "/login/device/code";
    private static final String TOKEN = "/login/oauth/access_token";
    private static final String USER = "/api/user";
    private static final String SECRET = "gh-client-secret-value";

    private FakeServer github;

    @BeforeEach
    void start() throws Exception {
        github = new FakeServer();
        github.on(DEVICE, """
                {"device_code":"dc-123","user_code":"WDJB-MJHT","verification_uri":"https://github.com/login/device",
                 "expires_in":900,"interval":5}""");
        github.on(USER, "{\"id\":583231,\"login\":\"octocat\",\"name\":\"The Octocat\"}");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private AuthProvider provider() throws AuthProviderException {
        return provider(Map.of());
    }

    private AuthProvider provider(Map<String, String> extra) throws AuthProviderException {
        Map<String, String> values = new HashMap<>(Map.of(
                "GITHUB_CLIENT_ID", "Iv1.client",
                "GITHUB_CLIENT_SECRET", SECRET,
                "GITHUB_BASE_URL", github.url(),
                "GITHUB_API_URL", github.url() + "/api/"));
        values.putAll(extra);
        return new GitHubProviderFactory().create(new ProviderSettings(values, true, "alice"));
    }

    @Test
    void startAsksForADeviceCode() throws Exception {
        DeviceAuthorization auth = provider().start();

        assertThat(auth.deviceCode()).isEqualTo("dc-123");
        assertThat(auth.userCode()).isEqualTo("WDJB-MJHT");
        assertThat(auth.verificationUri()).isEqualTo(URI.create("https://github.com/login/device"));
        assertThat(auth.expiresIn()).isEqualTo(Duration.ofSeconds(900));
        assertThat(auth.interval()).isEqualTo(Duration.ofSeconds(5));
        FakeServer.Request request = github.requestsTo(DEVICE).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.form()).containsEntry("client_id", "Iv1.client").containsEntry("scope", "read:user");
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void pollGoesFromPendingThroughSlowDownToApproved() throws Exception {
        github.on(TOKEN, "{\"error\":\"authorization_pending\"}")
                .on(TOKEN, "{\"error\":\"slow_down\",\"interval\":10}")
                .on(TOKEN, "{\"access_token\":\"gho_granted\",\"token_type\":\"bearer\",\"scope\":\"read:user\"}");
        AuthProvider provider = provider();
        String deviceCode = provider.start().deviceCode();

        assertThat(provider.poll(deviceCode)).isInstanceOf(DevicePollResult.Pending.class);
        assertThat(provider.poll(deviceCode)).isEqualTo(new DevicePollResult.SlowDown(Duration.ofSeconds(10)));
        DevicePollResult result = provider.poll(deviceCode);

        assertThat(result).isEqualTo(new DevicePollResult.Approved(new Identity("github", "583231", "octocat"),
                "gho_granted"));
        FakeServer.Request token = github.requestsTo(TOKEN).get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.header("Accept")).isEqualTo("application/json");
        assertThat(token.form()).containsEntry("client_id", "Iv1.client")
                .containsEntry("client_secret", SECRET)
                .containsEntry("device_code", "dc-123")
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        FakeServer.Request user = github.requestsTo(USER).get(0);
        assertThat(user.method()).isEqualTo("GET");
        assertThat(user.header("Authorization")).isEqualTo("Bearer gho_granted");
    }

    @Test
    void slowDownWithoutIntervalAddsFiveSeconds() throws Exception {
        github.on(TOKEN, "{\"error\":\"slow_down\"}");
        AuthProvider provider = provider();
        String deviceCode = provider.start().deviceCode();

        assertThat(provider.poll(deviceCode)).isEqualTo(new DevicePollResult.SlowDown(Duration.ofSeconds(10)));
        assertThat(provider.poll(deviceCode)).isEqualTo(new DevicePollResult.SlowDown(Duration.ofSeconds(15)));
    }

    @Test
    void expiredAndDeniedAreReported() throws Exception {
        github.on(TOKEN, "{\"error\":\"expired_token\"}");
        assertThat(provider().poll("dc-123")).isInstanceOf(DevicePollResult.Expired.class);

        github.close();
        github = new FakeServer();
        github.on(TOKEN, "{\"error\":\"access_denied\",\"error_description\":\"The user has denied your app.\"}");
        assertThat(provider().poll("dc-123")).isInstanceOf(DevicePollResult.Denied.class);
    }

    @Test
    void otherErrorsAreClearFailures() throws Exception {
        github.on(TOKEN, "{\"error\":\"incorrect_device_code\","
                + "\"error_description\":\"The device_code provided is not valid.\"}");

        assertThatThrownBy(() -> provider().poll("dc-123"))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GitHub refused the device code: incorrect_device_code")
                .hasMessageContaining("not valid");
    }

    @Test
    void serverErrorsAndMalformedAnswersAreClearFailures() throws Exception {
        github.on(TOKEN, 500, "<html>oops " + SECRET + "</html>");
        assertThatThrownBy(() -> provider().poll("dc-123"))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GitHub answered POST")
                .hasMessageContaining(TOKEN)
                .hasMessageContaining("HTTP 500")
                .message().doesNotContain(SECRET).doesNotContain("dc-123");

        github.close();
        github = new FakeServer();
        github.on(DEVICE, "{\"device_code\": ");
        assertThatThrownBy(() -> provider().start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("not a JSON object");

        github.on(TOKEN, "{\"token_type\":\"bearer\"}");
        assertThatThrownBy(() -> provider().poll("dc-123"))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("no access_token");
    }

    @Test
    void userApiFailuresAreClearFailures() throws Exception {
        github.close();
        github = new FakeServer();
        github.on(TOKEN, "{\"access_token\":\"gho_granted\"}");
        github.on(USER, 401, "{\"message\":\"Bad credentials\"}");
        assertThatThrownBy(() -> provider().poll("dc-123"))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("HTTP 401")
                .message().doesNotContain("gho_granted");

        github.close();
        github = new FakeServer();
        github.on(TOKEN, "{\"access_token\":\"gho_granted\"}");
        github.on(USER, "{\"login\":\"octocat\"}");
        assertThatThrownBy(() -> provider().poll("dc-123"))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("lacks the user's id or login");
    }

    @Test
    void incompleteDeviceAuthorizationIsRefused() throws Exception {
        github.close();
        github = new FakeServer();
        github.on(DEVICE, "{\"device_code\":\"dc\"}");
        assertThatThrownBy(() -> provider().start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("lacks device_code");
    }

    @Test
    void unreachableServerIsAClearFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        AuthProvider provider = provider(Map.of("GITHUB_BASE_URL", "http://127.0.0.1:" + port));

        assertThatThrownBy(provider::start)
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GitHub");
    }

    @Test
    void settingsAreChecked() {
        ProviderSettings noClient = new ProviderSettings(Map.of(), true, "alice");
        assertThatThrownBy(() -> new GitHubProviderFactory().create(noClient))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GITHUB_CLIENT_ID");

        assertThatThrownBy(() -> provider(Map.of("GITHUB_BASE_URL", "http://github.example.com")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GITHUB_BASE_URL").hasMessageContaining("https");
        assertThatThrownBy(() -> provider(Map.of("GITHUB_API_URL", "ftp://x")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GITHUB_API_URL");
    }

    @Test
    void defaultsPointAtGitHubDotCom() throws Exception {
        AuthProvider provider = new GitHubProviderFactory()
                .create(new ProviderSettings(Map.of("GITHUB_CLIENT_ID", "x"), false, "alice"));
        assertThat(provider.name()).isEqualTo("github");
        assertThat(((DeviceFlowProvider) provider).endpoints().deviceAuthorization())
                .isEqualTo(URI.create("https://github.com/login/device/code"));
    }
}
