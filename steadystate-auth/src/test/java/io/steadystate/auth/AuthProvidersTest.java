package io.steadystate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.AuthProviderFactory;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.api.spi.ProviderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthProvidersTest {

    private static final ProviderSettings SETTINGS = new ProviderSettings(Map.of(
            "GITHUB_CLIENT_ID", "Iv1.client",
            "GITLAB_CLIENT_ID", "gl",
            "OIDC_ISSUER_URL", "https://idp.example/realms/dev",
            "OIDC_CLIENT_ID", "cli",
            "STEADYSTATE_DEV_AUTH", "true"), true, "alice");

    @Test
    void everyBuiltInProviderIsInstalled() {
        assertThat(AuthProviders.installedNames()).contains("dev", "github", "gitlab", "oidc");
    }

    @Test
    void createsTheEnabledProvidersInOrder() throws Exception {
        Map<String, AuthProvider> providers =
                AuthProviders.load(SETTINGS, List.of("oidc", " GitHub ", "dev", "", "dev"));

        assertThat(providers).containsOnlyKeys("oidc", "github", "dev");
        assertThat(providers.keySet()).containsExactly("oidc", "github", "dev");
        providers.forEach((name, provider) -> assertThat(provider.name()).isEqualTo(name));
    }

    @Test
    void listsEveryProblemInOneMessage() {
        ProviderSettings bare = new ProviderSettings(Map.of(), false, "alice");

        assertThatThrownBy(() -> AuthProviders.load(bare, List.of("github", "bitbucket", "dev", "oidc")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("unknown auth provider 'bitbucket'")
                .hasMessageContaining("installed: dev, github, gitlab, oidc")
                .hasMessageContaining("github: GITHUB_CLIENT_ID is not set")
                .hasMessageContaining("dev: ")
                .hasMessageContaining("oidc: OIDC_ISSUER_URL is not set");
    }

    @Test
    void nothingEnabledIsAnError() {
        assertThatThrownBy(() -> AuthProviders.load(SETTINGS, List.of(" ")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("STEADYSTATE_AUTH_PROVIDERS");
    }

    @Test
    void givenFactoriesReplaceTheInstalledOnes() throws Exception {
        AuthProviderFactory broken = new Fixed("broken", null, new IllegalStateException("boom"));
        AuthProviderFactory twin = new Fixed("twin", null, null);

        assertThatThrownBy(() -> AuthProviders.load(SETTINGS, List.of("broken", "twin"), List.of(broken, twin, twin)))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("broken: boom")
                .hasMessageContaining("two installed auth providers are named twin");

        AuthProvider only = new AuthProvider() {
            @Override
            public String name() {
                return "only";
            }

            @Override
            public DeviceAuthorization start() {
                throw new UnsupportedOperationException();
            }

            @Override
            public DevicePollResult poll(String deviceCode) {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(AuthProviders.load(SETTINGS, List.of("only"), List.of(new Fixed("only", only, null))))
                .containsExactly(Map.entry("only", only));
    }

    private record Fixed(String name, AuthProvider provider, RuntimeException failure) implements AuthProviderFactory {
        @Override
        public AuthProvider create(ProviderSettings settings) {
            if (failure != null) {
                throw failure;
            }
            return provider;
        }
    }
}
