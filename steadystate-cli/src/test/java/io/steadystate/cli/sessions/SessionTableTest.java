package io.steadystate.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTableTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static SessionView session(String id, String state, String mode, String repo, String creator, String created) {
        return new SessionView(id, state, mode, repo, null, creator, null, null, "local", null, null, null, null,
                created, created);
    }

    @Test
    void rowsAreAlignedAndOldestFirst() {
        String table = SessionTable.format(List.of(
                session("bbbbbbbb22222222", "Running", "pair", "git@github.com:acme/web.git", "bob",
                        "2026-03-01T11:55:00Z"),
                session("aaaaaaaa11111111", "Provisioning", "collab", "https://github.com/acme/api", "alice",
                        "2026-02-27T09:30:00.123Z"),
                session("cccccccc33333333", "Failed", "collab", "/srv/repos/x", "carol", null)), NOW);
        assertThat(table).isEqualTo(""
                + "ID                STATE         MODE    REPO                         CREATOR  AGE\n"
                + "aaaaaaaa11111111  Provisioning  collab  https://github.com/acme/api  alice    2d 2h\n"
                + "bbbbbbbb22222222  Running       pair    git@github.com:acme/web.git  bob      5m\n"
                + "cccccccc33333333  Failed        collab  /srv/repos/x                 carol    -\n");
    }

    @Test
    void agesReadAsPeopleSayThem() {
        assertThat(SessionTable.age(Duration.ZERO)).isEqualTo("0s");
        assertThat(SessionTable.age(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(SessionTable.age(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(SessionTable.age(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59m");
        assertThat(SessionTable.age(Duration.ofHours(1))).isEqualTo("1h 0m");
        assertThat(SessionTable.age(Duration.ofHours(23).plusMinutes(59))).isEqualTo("23h 59m");
        assertThat(SessionTable.age(Duration.ofDays(1))).isEqualTo("1d 0h");
        assertThat(SessionTable.age(Duration.ofDays(400).plusHours(5))).isEqualTo("400d 5h");
        assertThat(SessionTable.age(Duration.ofSeconds(-30))).isEqualTo("0s");
    }

    @Test
    void timesWithAnOffsetAreRead() {
        SessionView s = session("aaaaaaaa11111111", "Running", "collab", "r", "a", "2026-03-01T13:59:00+02:00");
        assertThat(SessionTable.format(List.of(s), NOW)).endsWith("  1m\n");
    }

    @Test
    void longRepositoriesKeepTheirEnd() {
        String repo = "https://git.example.com/" + "very-long-group/".repeat(5) + "project.git";
        String shown = SessionTable.shorten(repo, SessionTable.REPO_WIDTH);
        assertThat(shown).hasSize(SessionTable.REPO_WIDTH).startsWith("...").endsWith("very-long-group/project.git");
    }

    @Test
    void serverTextCannotDriveTheTerminal() {
        SessionView s = session("aaaaaaaa11111111", "Running\u001b[2J", "collab", "r\rX", "eve\n", "2026-03-01T12:00:00Z");
        String table = SessionTable.format(List.of(s), NOW);
        assertThat(table).doesNotContain("\u001b").doesNotContain("\r");
        assertThat(table.lines().toList().get(1)).contains("Running?[2J").contains("r?X").contains("eve?");
    }

    @Test
    void missingFieldsShowAsDashes() {
        SessionView s = new SessionView(null, null, null, null, null, null, null, null, null, null, null, null, null,
                "not a time", null);
        assertThat(SessionTable.format(List.of(s), NOW).lines().toList().get(1)).isEqualTo("-   -      -     -     -        -");
    }
}
