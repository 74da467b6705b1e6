package io.steadystate.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.cli.auth.ApiException;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SessionsApiTest {

    @Test
    void refusalsBecomeTheCommandsMessages() {
        CliException notFound = SessionsApi.refine(new ApiException(404, "not_found", "no such session"), "abcdefgh12345678");
        assertThat(notFound.exitCode()).isEqualTo(1);
        assertThat(notFound).hasMessage("no session abcdefgh12345678 (or not yours to see)");

        CliException forbidden = SessionsApi.refine(new ApiException(403, "forbidden", "nope"), "abcdefgh12345678");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden).hasMessage("only the creator can end a session");

        CliException invalid = SessionsApi.refine(new ApiException(400, "invalid_request",
                "repo_url: only https://, ssh:// and git@host:path URLs\u001b[31m"), null);
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid).hasMessage("repo_url: only https://, ssh:// and git@host:path URLs?[31m");

        assertThat(SessionsApi.refine(new ApiException(503, "unavailable", "down"), null).exitCode()).isEqualTo(2);
        assertThat(SessionsApi.refine(new ApiException(500, "internal", "boom"), "abcdefgh12345678").exitCode())
                .isEqualTo(255);
    }

    @Test
    void sessionsAreReadTolerantly() throws IOException {
        var node = Json.mapper().readTree("""
                {"id":"abcdefgh12345678","state":"Running","mode":"collab","repo_url":"https://x/y","branch":null,
                 "creator":"alice","allowed_users":["bob"],"viewers":[],"compute_provider":"local",
                 "endpoint":"steady@127.0.0.1:40022","magic_link":"steadystate://collab/abcdefgh12345678?a=b",
                 "host_public_key":"ssh-ed25519 AAAA","message":null,"created_at":"2026-03-01T12:00:00Z",
                 "updated_at":"2026-03-01T12:00:01Z","idle_since":"2026-03-01T12:00:01Z","extra":{"nested":[1,2]}}
                """);
        SessionView v = SessionsApi.view(node);
        assertThat(v.id()).isEqualTo("abcdefgh12345678");
        assertThat(v.allowedUsers()).containsExactly("bob");
        assertThat(v.repoUrl()).isEqualTo("https://x/y");
        assertThat(v.magicLink()).startsWith("steadystate://");
        assertThat(v.created()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("2026-03-01T12:00:00Z"));
        assertThat(SessionsApi.views(Json.mapper().readTree("[{\"id\":\"a\"},{}]"))).hasSize(2);
        assertThatThrownBy(() -> SessionsApi.view(Json.mapper().readTree("{\"allowed_users\":{\"a\":1}}")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(255));
    }
}
