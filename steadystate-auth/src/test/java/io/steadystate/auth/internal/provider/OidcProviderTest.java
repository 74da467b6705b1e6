package io.steadystate.auth.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.api.spi.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OidcProviderTest {

    private static final String DISCOVERY = "/realms/dev/.well-known/openid-configuration";

    private FakeServer idp;

    @BeforeEach
    void start() throws Exception {
        idp = new FakeServer();
        idp.on("/realms/dev/device", """
                {"device_code":"oidc-dc","user_code":"ABCD-EFGH","verification_uri":"https://idp.example/device",
                 "expires_in":600}""");
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private String issuer() {
        return idp.url() + "/realms/dev";
    }

    private void discovery(String extra) {
        idp.on(DISCOVERY, "{\"issuer\":\"" + issuer() + "\",\"device_authorization_endpoint\":\"" + issuer()
                + "/device\",\"token_endpoint\":\"" + issuer() + "/token\",\"userinfo_endpoint\":\"" + issuer()
                + "/userinfo\"" + extra + "}");
    }

    private AuthProvider provider(String secret) throws AuthProviderException {
        Map<String, String> values = new HashMap<>(Map.of("OIDC_ISSUER_URL", issuer(), "OIDC_CLIENT_ID", "cli"));
        if (secret != null) {
            values.put("OIDC_CLIENT_SECRET", secret);
        }
        return new OidcProviderFactory().create(new ProviderSettings(values, true, "alice"));
    }

    @Test
    void discoversEndpointsAndReadsTheUser() throws Exception {
        discovery("");
        idp.on("/realms/dev/token", 400, "{\"error\":\"authorization_pending\"}")
                .on("/realms/dev/token", "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
        idp.on("/realms/dev/userinfo", "{\"sub\":\"f3a1\",\"preferred_username\":\"grace\",\"email\":\"g@x.test\"}");
        AuthProvider provider = provider(null);

        assertThat(provider.name()).isEqualTo("oidc");
        assertThat(idp.requests).isEmpty();
        assertThat(provider.start().userCode()).isEqualTo("ABCD-EFGH");
        assertThat(provider.poll("oidc-dc")).isInstanceOf(DevicePollResult.Pending.class);
        assertThat(provider.poll("oidc-dc"))
                .isEqualTo(new DevicePollResult.Approved(new Identity("oidc", "f3a1", "grace"), "at"));

        assertThat(idp.requestsTo(DISCOVERY)).hasSize(1);
        assertThat(idp.requestsTo("/realms/dev/device").get(0).form())
                .containsEntry("client_id", "cli").containsEntry("scope", "openid profile email");
        assertThat(idp.requestsTo("/realms/dev/userinfo").get(0).header("Authorization")).isEqualTo("Bearer at");
    }

    @Test
    void loginFallsBackToEmailThenSubject() throws Exception {
        discovery("");
        idp.on("/realms/dev/token", "{\"access_token\":\"at\"}");
        idp.on("/realms/dev/userinfo", "{\"sub\":\"s1\",\"email\":\"g@x.test\"}")
                .on("/realms/dev/userinfo", "{\"sub\":\"s2\"}");
        AuthProvider provider = provider(null);

        assertThat(((DevicePollResult.Approved) provider.poll("d")).identity())
                .isEqualTo(new Identity("oidc", "s1", "g@x.test"));
        assertThat(((DevicePollResult.Approved) provider.poll("d")).identity())
                .isEqualTo(new Identity("oidc", "s2", "s2"));
    }

    @Test
    void clientSecretGoesInBasicAuthUnlessOnlyPostIsSupported() throws Exception {
        discovery("");
        provider("s3cret").start();
        FakeServer.Request basic = idp.requestsTo("/realms/dev/device").get(0);
        assertThat(basic.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("cli:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.form()).doesNotContainKey("client_secret");

        idp.close();
        idp = new FakeServer();
        idp.on("/realms/dev/device",
                "{\"device_code\":\"d\",\"user_code\":\"u\",\"verification_uri\":\"https://x\",\"expires_in\":60}");
        discovery(",\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]");
        provider("s3cret").start();
        FakeServer.Request post = idp.requestsTo("/realms/dev/device").get(0);
        assertThat(post.header("Authorization")).isNull();
        assertThat(post.form()).containsEntry("client_secret", "s3cret");
    }

    @Test
    void badDiscoveryIsAClearFailure() throws Exception {
        idp.on(DISCOVERY, 404, "{}");
        assertThatThrownBy(() -> provider(null).start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("OIDC discovery").hasMessageContaining("HTTP 404")
                .hasMessageContaining("OIDC_ISSUER_URL");

        idp.close();
        idp = new FakeServer();
        idp.on(DISCOVERY,
                "{\"issuer\":\"https://evil.example\",\"device_authorization_endpoint\":\"https://evil.example/d\"}");
        assertThatThrownBy(() -> provider(null).start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("another issuer");

        idp.close();
        idp = new FakeServer();
        idp.on(DISCOVERY, "{\"issuer\":\"" + issuer() + "\",\"token_endpoint\":\"" + issuer() + "/token\"}");
        assertThatThrownBy(() -> provider(null).start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("device_authorization_endpoint");

        idp.close();
        idp = new FakeServer();
        idp.on(DISCOVERY, "not json at all");
        assertThatThrownBy(() -> provider(null).start())
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void settingsAreRequired() {
        assertThatThrownBy(() -> new OidcProviderFactory().create(new ProviderSettings(
                Map.of("OIDC_CLIENT_ID", "c"), true, "alice")))
                .isInstanceOf(AuthProviderException.class).hasMessageContaining("OIDC_ISSUER_URL");
        assertThatThrownBy(() -> new OidcProviderFactory().create(new ProviderSettings(
                Map.of("OIDC_ISSUER_URL", "https://idp.example"), true, "alice")))
                .isInstanceOf(AuthProviderException.class).hasMessageContaining("OIDC_CLIENT_ID");
    }
}
