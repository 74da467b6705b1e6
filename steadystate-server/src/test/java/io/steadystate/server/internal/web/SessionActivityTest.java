package io.steadystate.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.SessionEvent;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionActivityTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
    private static final SessionInfo INFO = new SessionInfo(new SessionId("abcdefgh12345678"), SessionState.RUNNING,
            SessionMode.COLLAB, "https://h/r.git", null, "alice", List.of("Bob"), List.of("carol"), "local", null, null,
            null, null, T, T);

    @Test
    void presenceCountsConnectionsAndTheLastSyncHoldsEachMembersOpenConflicts() {
        SessionActivity a = new SessionActivity();
        a.add(List.of(new SessionEvent.Connected(1, T, "bob"), new SessionEvent.Connected(2, T, "bob"),
                new SessionEvent.Synced(3, T, "bob", "c", 1, 0, List.of("VERSION"), List.of("VERSION")),
                new SessionEvent.Connected(4, T, "alice"), new SessionEvent.Disconnected(5, T, "bob")));

        List<MemberState> members = a.members(INFO);
        assertThat(members).extracting(MemberState::login).containsExactly("alice", "Bob", "carol");
        assertThat(members).extracting(MemberState::role).containsExactly("creator", "member", "viewer");
        assertThat(members).extracting(MemberState::connections).containsExactly(1, 1, 0);
        assertThat(members.get(1).conflicts()).containsExactly("VERSION");
        assertThat(a.connectedLogins(INFO)).containsExactly("alice", "Bob");

        a.add(List.of(new SessionEvent.Disconnected(6, T, "bob"),
                new SessionEvent.Synced(7, T, "bob", "d", 1, 0, List.of(), List.of("VERSION"))));
        assertThat(a.members(INFO).get(1).conflicts()).isEmpty();
        assertThat(a.connectedLogins(INFO)).containsExactly("alice");
        assertThat(a.recentAfter(5)).extracting(SessionEvent::sequence).containsExactly(6L, 7L);
    }

    @Test
    void eventsAlreadySeenAreIgnoredAndOnlyTheLatestAreKeptForTheTimeline() {
        SessionActivity a = new SessionActivity();
        a.add(List.of(new SessionEvent.Connected(1, T, "bob")));
        a.add(List.of(new SessionEvent.Connected(1, T, "bob")));
        assertThat(a.members(INFO).get(1).connections()).isEqualTo(1);
        for (long i = 2; i < 2 + SessionActivity.RECENT + 10; i++) {
            a.add(List.of(new SessionEvent.Activity(i, T, null, "exec", null)));
        }
        assertThat(a.recentAfter(0)).hasSize(SessionActivity.RECENT);
        assertThat(a.lastSequence()).isEqualTo(SessionActivity.RECENT + 11);
    }
}
