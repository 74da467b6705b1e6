package io.steadystate.server.internal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.Identity;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.SessionState;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.server.DatabaseSettings;
import io.steadystate.server.internal.store.Store;
import io.steadystate.server.internal.store.StoredSession;
import io.steadystate.server.testplugin.FakeComputeProviderFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idle reaper, driven directly: it ends only sessions whose provider reports them idle for long enough. */
class SessionServiceTest {

    private static final Identity ALICE = new Identity("github", "1", "alice");

    @Test
    void theReaperStopsSessionsIdleLongerThanTheTimeoutOnlyAndKeepsThemToResume(@TempDir Path tmp) throws Exception {
        ComputeProviders providers = new ComputeProviders(Map.of("fake", new FakeComputeProviderFactory()),
                new ComputeSettings(tmp, "127.0.0.1", "localhost", Map.of()));
        try (Store store = Store.open(DatabaseSettings.embedded(tmp));
                SessionService service = new SessionService(store.sessions(), providers, Duration.ofHours(2),
                        Clock.systemUTC())) {
            SessionSpec spec = new SessionSpec("https://github.com/acme/app.git", null, SessionMode.COLLAB, List.of(),
                    List.of(), "fake");
            SessionId idle = service.create(ALICE, spec).id();
            SessionId busy = service.create(ALICE, spec).id();
            SessionId unknown = service.create(ALICE, spec).id();
            for (SessionId id : List.of(idle, busy, unknown)) {
                awaitState(store, id, SessionState.RUNNING);
            }
            var fake = (FakeComputeProviderFactory.Fake) providers.existing("fake").orElseThrow();
            fake.activity.put(idle, Instant.now().minus(Duration.ofHours(3)));
            fake.activity.put(busy, Instant.now().minus(Duration.ofMinutes(5)));

            assertThat(service.reapIdle()).isEqualTo(1);

            SessionInfo reaped = awaitState(store, idle, SessionState.STOPPED);
            assertThat(reaped.message()).startsWith("stopped after 2h without an SSH connection; its data is kept")
                    .contains("steadystate up --resume " + idle.value());
            assertThat(fake.isAlive(idle)).isFalse();
            assertThat(fake.stopped).containsKey(idle);
            assertThat(store.sessions().find(busy).orElseThrow().info().state()).isEqualTo(SessionState.RUNNING);
            assertThat(store.sessions().find(unknown).orElseThrow().info().state()).isEqualTo(SessionState.RUNNING);
            assertThat(service.reapIdle()).isZero();

            // Resuming runs it again with the same link.
            fake.activity.put(idle, Instant.now());
            service.resumeStopped(store.sessions().find(idle).orElseThrow());
            SessionInfo again = awaitState(store, idle, SessionState.RUNNING);
            assertThat(again.magicLink()).isEqualTo(reaped.magicLink());
            assertThat(fake.isAlive(idle)).isTrue();
        }
    }

    @Test
    void theProviderGetsTheCreatorsForgeCredentialsLookedUpWhenAsked(@TempDir Path tmp) throws Exception {
        ComputeProviders providers = new ComputeProviders(Map.of("fake", new FakeComputeProviderFactory()),
                new ComputeSettings(tmp, "127.0.0.1", "localhost", Map.of()));
        Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>(Map.of(ALICE.principal(), "gho_first"));
        try (Store store = Store.open(DatabaseSettings.embedded(tmp));
                SessionService service = new SessionService(store.sessions(), providers, Duration.ofHours(2),
                        Clock.systemUTC(), creator -> () -> java.util.Optional.ofNullable(tokens.get(creator.principal())))) {
            SessionId id = service.create(ALICE, new SessionSpec("https://github.com/acme/app.git", null,
                    SessionMode.COLLAB, List.of(), List.of(), "fake")).id();
            awaitState(store, id, SessionState.RUNNING);
            var fake = (FakeComputeProviderFactory.Fake) providers.existing("fake").orElseThrow();
            assertThat(fake.credentials.get(id).accessToken()).contains("gho_first");
            tokens.put(ALICE.principal(), "gho_after_a_new_login");
            assertThat(fake.credentials.get(id).accessToken()).contains("gho_after_a_new_login");
        }
    }

    private static SessionInfo awaitState(Store store, SessionId id, SessionState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        SessionInfo info = null;
        while (System.nanoTime() < deadline) {
            info = store.sessions().find(id).map(StoredSession::info).orElseThrow();
            if (info.state() == state) {
                return info;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("session " + id + " never reached " + state + "; last: " + info);
    }
}
