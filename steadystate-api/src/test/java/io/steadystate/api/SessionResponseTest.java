package io.steadystate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ProvisionedSession;
import io.steadystate.api.spi.RemoteExecutor;
import io.steadystate.api.wire.SessionResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionResponseTest {

    @Test
    void carriesWireNamesAndIsoTimes() {
        Instant created = Instant.parse("2026-01-31T12:00:00.123Z");
        SessionInfo info = new SessionInfo(new SessionId("abcdefgh12"), SessionState.PROVISIONING, SessionMode.PAIR,
                "https://example.com/r.git", null, "alice", List.of("bob"), null, "local", null, null, null, null,
                created, created.plusSeconds(1));
        SessionResponse r = SessionResponse.from(info);
        assertThat(r.id()).isEqualTo("abcdefgh12");
        assertThat(r.state()).isEqualTo("Provisioning");
        assertThat(r.mode()).isEqualTo("pair");
        assertThat(r.allowedUsers()).containsExactly("bob");
        assertThat(r.viewers()).isEmpty();
        assertThat(r.magicLink()).isNull();
        assertThat(r.createdAt()).isEqualTo("2026-01-31T12:00:00.123Z");
        assertThat(r.updatedAt()).isEqualTo("2026-01-31T12:00:01.123Z");
    }

    @Test
    void providersThatDoNotTrackActivityAreNeverIdle() {
        ComputeProvider quiet = new ComputeProvider() {
            @Override
            public String name() {
                return "quiet";
            }

            @Override
            public ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isAlive(SessionId id) {
                return true;
            }

            @Override
            public void terminate(SessionId id) {
            }

            @Override
            public RemoteExecutor executor(SessionId id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        assertThat(quiet.lastActivity(SessionId.random())).isEmpty();
    }
}
