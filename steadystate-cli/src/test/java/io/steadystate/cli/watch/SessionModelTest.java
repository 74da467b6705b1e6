package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionModelTest {

    private static final SessionModel EMPTY = SessionModel.of(Logs.INFO);

    private static String a(String time, String user, String event) {
        return Logs.activity("2025-03-14T" + time + "Z", user, event, "from somewhere");
    }

    @Test
    void connectedUsersAreCountedPerLoginSinceTheirFirstOpenConnection() {
        SessionModel m = EMPTY.withActivityLines(List.of(
                a("10:00:00", "alice", "connect"),
                a("10:01:00", "bob", "connect"),
                a("10:02:00", "alice", "connect"),
                a("10:03:00", "alice", "disconnect"),
                a("10:04:00", "bob", "disconnect"),
                a("10:05:00", "carol", "shell")));
        assertThat(m.connected()).containsExactly(new Presence("alice", Instant.parse("2025-03-14T10:00:00Z"), 1));

        m = m.withActivityLines(List.of(a("10:06:00", "bob", "connect")));
        assertThat(m.connected()).extracting(Presence::user, p -> p.since().toString(), Presence::connections)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", "2025-03-14T10:00:00Z", 1),
                        org.assertj.core.groups.Tuple.tuple("bob", "2025-03-14T10:06:00Z", 1));
    }

    @Test
    void aDisconnectWithoutAConnectAndConnectsWithoutAUserChangeNothing() {
        SessionModel m = EMPTY.withActivityLines(List.of(
                a("10:00:00", "alice", "disconnect"),
                Logs.activity("2025-03-14T10:00:01Z", null, "connect", "before login"),
                a("10:01:00", "alice", "connect")));
        assertThat(m.connected()).containsExactly(new Presence("alice", Instant.parse("2025-03-14T10:01:00Z"), 1));
    }

    @Test
    void aTerminatedSessionHasNobodyConnected() {
        SessionModel m = EMPTY.withActivityLines(List.of(a("10:00:00", "alice", "connect"),
                Logs.activity("2025-03-14T10:30:00Z", null, "terminate", "session terminated")));
        assertThat(m.connected()).isEmpty();
    }

    @Test
    void malformedLinesAreCountedAndSkipped() {
        SessionModel m = EMPTY.withActivityLines(List.of("garbage", a("10:00:00", "alice", "connect"), "{}"))
                .withSyncLines(List.of("{\"time\":\"2025-03-14T10:00:00Z\"}",
                        Logs.sync("2025-03-14T10:00:00Z", "alice", "abc", 1, 0, List.of())));
        assertThat(m.unreadableActivity()).isEqualTo(2);
        assertThat(m.activity()).hasSize(1);
        assertThat(m.unreadableSyncs()).isEqualTo(1);
        assertThat(m.syncs()).extracting(SyncEvent::commit).containsExactly("abc");
    }

    @Test
    void onlyTheMostRecentEventsAreKeptButPresenceCountsThemAll() {
        List<String> lines = new ArrayList<>();
        lines.add(a("09:00:00", "alice", "connect"));
        for (int i = 0; i < SessionModel.KEEP + 50; i++) {
            lines.add(Logs.activity(Instant.parse("2025-03-14T10:00:00Z").plusSeconds(i).toString(), "bob", "exec",
                    "steadystate status " + i));
        }
        SessionModel m = EMPTY.withActivityLines(lines);
        assertThat(m.activity()).hasSize(SessionModel.KEEP);
        assertThat(m.activity().getFirst().details()).isEqualTo("steadystate status 50");
        assertThat(m.activity().getLast().details()).isEqualTo("steadystate status " + (SessionModel.KEEP + 49));
        assertThat(m.connected()).extracting(Presence::user).containsExactly("alice");
    }

    @Test
    void resettingALogForgetsWhatWasReadFromIt() {
        SessionModel m = EMPTY.withActivityLines(List.of(a("10:00:00", "alice", "connect"), "bad"))
                .withSyncLines(List.of(Logs.sync("2025-03-14T10:00:00Z", "alice", "abc", 1, 0, List.of())));
        assertThat(m.withoutActivity().connected()).isEmpty();
        assertThat(m.withoutActivity().unreadableActivity()).isZero();
        assertThat(m.withoutActivity().syncs()).hasSize(1);
        assertThat(m.withoutSyncs().syncs()).isEmpty();
        assertThat(m.withoutSyncs().connected()).hasSize(1);
    }
}
