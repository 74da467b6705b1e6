package io.steadystate.auth.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.api.spi.ProviderSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GitLabProviderTest {

    private FakeServer gitlab;

    @BeforeEach
    void start() throws Exception {
        gitlab = new FakeServer();
        gitlab.on("/oauth/authorize_device", """
                {"device_code":"gl-dc","user_code":"0A44L90H","verification_uri":"https://gitlab.example/oauth/device",
                 "verification_uri_complete":"https://gitlab.example/oauth/device?user_code=0A44L90H",
                 "expires_in":300,"interval":5}""");
        gitlab.on("/api/v4/user", "{\"id\":42,\"username\":\"ada\",\"name\":\"Ada\"}");
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    private AuthProvider provider() throws AuthProviderException {
        return new GitLabProviderFactory().create(new ProviderSettings(
                Map.of("GITLAB_CLIENT_ID", "gl-client", "GITLAB_BASE_URL", gitlab.url() + "/"), true, "alice"));
    }

    @Test
    void fullFlowWithRfc8628Errors() throws Exception {
        // GitLab follows RFC 8628: pending and slow_down come as HTTP 400.
        gitlab.on("/oauth/token", 400, "{\"error\":\"authorization_pending\",\"error_description\":\"pending\"}")
                .on("/oauth/token", 400, "{\"error\":\"slow_down\"}")
                .on("/oauth/token", "{\"access_token\":\"glpat\",\"token_type\":\"Bearer\",\"expires_in\":7200}");
        AuthProvider provider = provider();

        assertThat(provider.name()).isEqualTo("gitlab");
        assertThat(provider.start().userCode()).isEqualTo("0A44L90H");
        assertThat(provider.poll("gl-dc")).isInstanceOf(DevicePollResult.Pending.class);
        assertThat(provider.poll("gl-dc")).isEqualTo(new DevicePollResult.SlowDown(Duration.ofSeconds(10)));
        assertThat(provider.poll("gl-dc"))
                .isEqualTo(new DevicePollResult.Approved(new Identity("gitlab", "42", "ada"), "glpat"));

        assertThat(gitlab.requestsTo("/oauth/authorize_device").get(0).form())
                .containsEntry("client_id", "gl-client").containsEntry("scope", "read_user");
        assertThat(gitlab.requestsTo("/oauth/token").get(0).form())
                .containsEntry("device_code", "gl-dc")
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .doesNotContainKey("client_secret");
        assertThat(gitlab.requestsTo("/api/v4/user").get(0).header("Authorization")).isEqualTo("Bearer glpat");
    }

    @Test
    void deniedExpiredAndServerErrors() throws Exception {
        gitlab.on("/oauth/token", 400, "{\"error\":\"access_denied\"}")
                .on("/oauth/token", 400, "{\"error\":\"expired_token\"}")
                .on("/oauth/token", 502, "Bad Gateway");
        AuthProvider provider = provider();

        assertThat(provider.poll("gl-dc")).isInstanceOf(DevicePollResult.Denied.class);
        assertThat(provider.poll("gl-dc")).isInstanceOf(DevicePollResult.Expired.class);
        assertThatThrownBy(() -> provider.poll("gl-dc"))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GitLab answered POST").hasMessageContaining("HTTP 502");
    }

    @Test
    void refusedDeviceAuthorizationSaysWhy() throws Exception {
        gitlab.close();
        gitlab = new FakeServer();
        gitlab.on("/oauth/authorize_device", 401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");

        assertThatThrownBy(() -> provider().start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessage("GitLab refused the device authorization: invalid_client (Client authentication failed)");
    }

    @Test
    void clientIdIsRequired() {
        assertThatThrownBy(() -> new GitLabProviderFactory().create(new ProviderSettings(Map.of(), true, "alice")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("GITLAB_CLIENT_ID");
    }
}
