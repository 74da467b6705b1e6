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

class SessionViewsTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
    private static final String HOSTILE = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'";

    private static SessionInfo session(SessionState state) {
        return new SessionInfo(new SessionId("abcdefgh12345678"), state, SessionMode.COLLAB, "https://host/r" + HOSTILE,
                "b" + HOSTILE, "alice", List.of("bob"), List.of("carol"), "local", "ssh@h:1",
                "steadystate://collab/abcdefgh12345678?x=" + HOSTILE, "ssh-ed25519 AAAA", "failed: " + HOSTILE, T, T);
    }

    @Test
    void everyValueFromPeopleIsEscapedInEveryPart() {
        SessionInfo s = session(SessionState.RUNNING);
        List<SessionEvent> events = List.of(
                new SessionEvent.Synced(1, T, "bob" + HOSTILE, "c0ffee", 1, 2, List.of("src/" + HOSTILE), List.of()),
                new SessionEvent.Published(2, T, "alice", "br" + HOSTILE, "c0ffee", "remote" + HOSTILE),
                new SessionEvent.PublishFailed(3, T, "alice", "reason" + HOSTILE),
                new SessionEvent.Activity(4, T, null, "exec" + HOSTILE, "details" + HOSTILE));
        List<MemberState> members = List.of(new MemberState("x" + HOSTILE, "member", 1, T, List.of("p" + HOSTILE)));

        String html = String.join("\n",
                SessionViews.cards(List.of(s), x -> List.of("y" + HOSTILE), x -> true, T),
                SessionViews.summary(s, true, T), SessionViews.members(members, T), SessionViews.conflicts(members),
                SessionViews.publishes(events, T), SessionViews.timeline(events),
                Layout.page("t" + HOSTILE, "p" + HOSTILE, "c" + HOSTILE, "me" + HOSTILE, ""));

        assertThat(html).doesNotContain("<script>", "<img", "onerror=alert(2)>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#39;");
    }

    @Test
    void theJoinCommandQuotesTheLinkForAShellAndOnlyTheCreatorGetsTheEndButton() {
        assertThat(Html.shellQuote("a'b")).isEqualTo("'a'\\''b'");
        SessionInfo s = session(SessionState.RUNNING);
        assertThat(SessionViews.summary(s, true, T)).contains("id=\"end-abcdefgh12345678\"");
        assertThat(SessionViews.summary(s, false, T)).doesNotContain("id=\"end-");
        assertThat(SessionViews.summary(session(SessionState.TERMINATED), true, T)).doesNotContain("id=\"end-", "Magic link");
    }

    @Test
    void pagesCarryNoInlineScriptOrStyle() {
        String page = Layout.page("Sessions", "sessions", "token", "alice",
                SessionViews.sessionsPage(SessionViews.cards(List.of(session(SessionState.RUNNING)),
                        x -> List.of(), x -> true, T)));
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=", "<style", " onclick=",
                " onload=", "javascript:");
    }
}
