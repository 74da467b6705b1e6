package io.steadystate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.wire.PollResponse;
import io.steadystate.api.wire.RefreshRequest;
import io.steadystate.api.wire.TokenResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {

    @Test
    void identityRejectsEmptyAndControlCharacters() {
        assertThat(new Identity("github", "42", "octocat").principal()).isEqualTo("github:42");
        assertThatThrownBy(() -> new Identity("github", "42", " ")).hasMessageContaining("login");
        assertThatThrownBy(() -> new Identity("github", "4\n2", "x")).hasMessageContaining("control");
        assertThat(Identity.splitPrincipal("gitlab:7")).containsExactly("gitlab", "7");
        assertThatThrownBy(() -> Identity.splitPrincipal("nocolon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionIdsAreSafeEverywhere() {
        SessionId id = SessionId.random();
        assertThat(id.value()).matches("[a-z0-9]{16}");
        assertThat(SessionId.random()).isNotEqualTo(id);
        assertThatThrownBy(() -> new SessionId("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionId("-rf1234567")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireNamesRoundTrip() {
        for (SessionMode m : SessionMode.values()) {
            assertThat(SessionMode.fromWire(m.wireName())).isEqualTo(m);
        }
        for (SessionState s : SessionState.values()) {
            assertThat(SessionState.fromWire(s.wireName())).isEqualTo(s);
        }
        assertThatThrownBy(() -> SessionMode.fromWire("solo")).hasMessageContaining("collab or pair");
    }

    @Test
    void specCopiesItsLists() {
        List<String> allowed = new java.util.ArrayList<>(List.of("alice"));
        SessionSpec spec = new SessionSpec("https://example.com/r.git", null, SessionMode.COLLAB, allowed, null, null);
        allowed.add("mallory");
        assertThat(spec.allowedUsers()).containsExactly("alice");
        assertThat(spec.viewers()).isEmpty();
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(new RefreshRequest("s3cret").toString()).doesNotContain("s3cret");
        assertThat(new TokenResponse("jwt-value", "s3cret", "2026-01-01T00:00:00Z").toString())
                .doesNotContain("s3cret").doesNotContain("jwt-value");
        assertThat(PollResponse.complete("jwt-value", "s3cret", "t", "octocat", "github").toString())
                .doesNotContain("s3cret").doesNotContain("jwt-value").contains("octocat");
    }
}
