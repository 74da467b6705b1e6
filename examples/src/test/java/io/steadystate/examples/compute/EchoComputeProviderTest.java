package io.steadystate.examples.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.Identity;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.api.spi.ProvisionedSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EchoComputeProviderTest {

    @Test
    void serviceLoaderFindsTheExampleProviderByName() throws Exception {
        // A server declares 'uses' in its module-info; this test, inside the plugin's own module, says so here.
        getClass().getModule().addUses(ComputeProviderFactory.class);
        List<ComputeProviderFactory> found = ServiceLoader.load(ComputeProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("example"))
                .toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).isInstanceOf(EchoComputeProviderFactory.class);
        if (getClass().getModule().isNamed()) {
            assertThat(getClass().getModule().getDescriptor().provides())
                    .anySatisfy(p -> assertThat(p.service()).isEqualTo(ComputeProviderFactory.class.getName()));
        }
    }

    @Test
    void provisionsAnEndpointOnLoopbackWithAValidMagicLink() throws Exception {
        ComputeProvider provider = new EchoComputeProviderFactory().create(new ComputeSettings(Path.of("/tmp"),
                "127.0.0.1", "localhost", Map.of("STEADYSTATE_SSH_USER", "steady")));
        SessionId id = SessionId.random();
        SessionSpec spec = new SessionSpec("https://github.com/acme/app.git", "main", SessionMode.PAIR,
                List.of("bob"), List.of(), "example");
        ProvisionedSession s = provider.provision(id, spec, new Identity("github", "1", "alice"));

        assertThat(s.endpoint()).isEqualTo("steady@127.0.0.1:2222");
        MagicLink link = MagicLink.parse(s.magicLink());
        assertThat(link.id()).isEqualTo(id);
        assertThat(link.mode()).isEqualTo(SessionMode.PAIR);
        assertThat(link.hostPublicKey()).isEqualTo(s.hostPublicKey()).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5");
        assertThat(((EchoComputeProvider) provider).requests()).singleElement()
                .satisfies(r -> assertThat(r.spec()).isEqualTo(spec));
        assertThat(provider.isAlive(id)).isTrue();
        provider.terminate(id);
        provider.terminate(id);
        assertThat(provider.isAlive(id)).isFalse();
        assertThat(provider.lastActivity(id)).isEmpty();
        provider.close();
    }
}
