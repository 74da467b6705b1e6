package io.steadystate.auth.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.api.spi.AuthProvider;
import io.steadystate.api.spi.AuthProviderException;
import io.steadystate.api.spi.DeviceAuthorization;
import io.steadystate.api.spi.DevicePollResult;
import io.steadystate.api.spi.ProviderSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevProviderTest {

    private static final Map<String, String> ENABLED = Map.of("STEADYSTATE_DEV_AUTH", "true");

    @Test
    void approvesItsOwnCodesAtOnceAsTheLocalUser() throws Exception {
        AuthProvider dev = new DevProviderFactory().create(new ProviderSettings(ENABLED, true, "alice"));
        DeviceAuthorization auth = dev.start();

        DevicePollResult result = dev.poll(auth.deviceCode());

        assertThat(dev.name()).isEqualTo("dev");
        assertThat(auth.userCode()).startsWith("DEV-");
        assertThat(result).isInstanceOfSatisfying(DevicePollResult.Approved.class,
                a -> assertThat(a.identity()).isEqualTo(new Identity("dev", "alice", "alice")));
        assertThatThrownBy(() -> dev.poll(auth.deviceCode()))
                .isInstanceOf(AuthProviderException.class).hasMessageContaining("used already");
        assertThatThrownBy(() -> dev.poll("made-up")).isInstanceOf(AuthProviderException.class);
    }

    @Test
    void refusesUnlessEnabled() {
        assertThatThrownBy(() -> new DevProviderFactory().create(new ProviderSettings(Map.of(), true, "alice")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("STEADYSTATE_DEV_AUTH=true");
        assertThatThrownBy(() -> new DevProviderFactory().create(
                new ProviderSettings(Map.of("STEADYSTATE_DEV_AUTH", "yes"), true, "alice")))
                .isInstanceOf(AuthProviderException.class);
    }

    @Test
    void refusesWhenTheServerIsReachableFromOutside() {
        assertThatThrownBy(() -> new DevProviderFactory().create(new ProviderSettings(ENABLED, false, "alice")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesAnUnusableLocalUser() {
        assertThatThrownBy(() -> new DevProviderFactory().create(new ProviderSettings(ENABLED, true, " ")))
                .isInstanceOf(AuthProviderException.class)
                .hasMessageContaining("local user");
    }
}
