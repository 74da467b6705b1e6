package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenTest {

    private static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");

    static SessionModel model() {
        return SessionModel.of(Logs.INFO)
                .withActivityLines(List.of(
                        Logs.activity("2025-03-13T14:02:00Z", "alice", "provisioned", "ssh port 40022"),
                        Logs.activity("2025-03-14T11:55:00Z", "alice", "connect", "from /127.0.0.1:5555"),
                        Logs.activity("2025-03-14T11:58:00Z", "alice", "connect", "from /127.0.0.1:5557"),
                        Logs.activity("2025-03-14T11:59:48Z", "bob", "connect", "from /127.0.0.1:5556"),
                        Logs.activity("2025-03-14T11:59:58Z", "bob", "exec", "steadystate watch")))
                .withSyncLines(List.of(
                        Logs.sync("2025-03-14T11:50:00Z", "alice", "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d", 2, 0,
                                List.of()),
                        Logs.sync("2025-03-14T11:59:48Z", "bob", "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", 1, 3,
                                List.of("src/App.java"))));
    }

    private static List<String> text(List<Line> lines) {
        return lines.stream().map(Line::text).toList();
    }

    private static Screen.View view(SessionModel m, Ui.State ui) {
        return new Screen.View(m, NOW, ZoneOffset.UTC, ui);
    }

    @Test
    void thePlainRenderingOfAFixedModel() {
        List<Line> lines = Screen.render(view(model(), null), Screen.UNLIMITED, Screen.UNLIMITED);
        assertThat(text(lines)).containsExactly(
                "SteadyState session abcdefgh12345678 on steadystate/collab/abcdefgh12345678",
                "Link: steadystate://collab/abcdefgh12345678?ssh=x",
                "Join: steadystate join 'steadystate://collab/abcdefgh12345678?ssh=x'",
                "",
                "Connected (2)",
                "  alice  since 5 min ago, 2 connections",
                "  bob    since 12 s ago",
                "",
                "Recent syncs",
                "  12 s ago    bob    synced 9f8e7d6: 1 pushed, 3 pulled, 1 conflict: src/App.java",
                "  10 min ago  alice  synced 1a2b3c4: 2 pushed, 0 pulled",
                "",
                "Recent activity",
                "  just now         bob    exec steadystate watch",
                "  12 s ago         bob    connect from /127.0.0.1:5556",
                "  2 min ago        alice  connect from /127.0.0.1:5557",
                "  5 min ago        alice  connect from /127.0.0.1:5555",
                "  yesterday 14:02  alice  provisioned ssh port 40022");
        assertThat(lines.getFirst().style()).isEqualTo(Line.Style.TITLE);
        assertThat(lines.get(4).style()).isEqualTo(Line.Style.HEADING);
        assertThat(Screen.plainText(lines)).startsWith("SteadyState session abcdefgh12345678 on ")
                .contains("\n\nConnected (2)\n").endsWith("provisioned ssh port 40022\n").doesNotContain("\u001b");
    }

    @Test
    void aScreenOfFixedSizeIsFilledExactlyWithTheKeysLast() {
        List<Line> lines = Screen.render(view(model(), Ui.State.INITIAL), 40, 16);
        assertThat(text(lines)).containsExactly(
                "SteadyState session abcdefgh12345678 on\u2026",
                "Link: steadystate://collab/abcdefgh1234\u2026",
                "Join: steadystate join 'steadystate://c\u2026",
                "",
                "Connected (2)",
                "  alice  since 5 min ago, 2 connections",
                "  bob    since 12 s ago",
                "",
                "Recent syncs",
                "  12 s ago    bob    synced 9f8e7d6: 1 \u2026",
                "  10 min ago  alice  synced 1a2b3c4: 2 \u2026",
                "",
                "Recent activity",
                "  just now  bob  exec steadystate watch",
                "  12 s ago  bob  connect from /127.0.0.\u2026",
                "s sync  d diff  c credit  q quit");
        assertThat(lines.getLast().style()).isEqualTo(Line.Style.STATUS);
        assertThat(lines).allSatisfy(l -> assertThat(l.text().codePointCount(0, l.text().length())).isLessThanOrEqualTo(40));
    }

    @Test
    void extraHeightGoesToTheEventsAndTheRestIsBlank() {
        List<Line> lines = Screen.render(view(model(), Ui.State.INITIAL), 100, 30);
        assertThat(lines).hasSize(30);
        List<String> t = text(lines);
        assertThat(t.subList(12, 18)).containsExactly(
                "Recent activity",
                "  just now         bob    exec steadystate watch",
                "  12 s ago         bob    connect from /127.0.0.1:5556",
                "  2 min ago        alice  connect from /127.0.0.1:5557",
                "  5 min ago        alice  connect from /127.0.0.1:5555",
                "  yesterday 14:02  alice  provisioned ssh port 40022");
        assertThat(t.subList(18, 29)).allMatch(String::isEmpty);
        assertThat(t.getLast()).isEqualTo(Screen.KEYS);
    }

    @Test
    void aTinyScreenKeepsTheTopAndTheKeys() {
        List<Line> lines = Screen.render(view(model(), Ui.State.INITIAL), 12, 4);
        assertThat(text(lines)).containsExactly("SteadyState\u2026", "Link: stead\u2026", "Join: stead\u2026",
                "s sync  d d\u2026");
        assertThat(Screen.render(view(model(), Ui.State.INITIAL), 0, 3)).extracting(Line::text).containsOnly("");
    }

    @Test
    void manyPeopleAreCutWithACount() {
        List<String> connects = new ArrayList<>();
        for (String u : List.of("ann", "ben", "cat", "dan", "eve")) {
            connects.add(Logs.activity("2025-03-14T11:00:00Z", u, "connect", "x"));
        }
        List<Line> lines = Screen.render(view(SessionModel.of(Logs.INFO).withActivityLines(connects), Ui.State.INITIAL),
                60, 16);
        assertThat(text(lines).subList(4, 8)).containsExactly("Connected (5)", "  ann  since today 11:00",
                "  and 4 more", "");
    }

    @Test
    void emptyAndMissingLogsSaySo() {
        SessionModel m = SessionModel.of(new SessionInfo("id1", null, null, null, null, null, null)).withMissing(true, false);
        assertThat(text(Screen.render(view(m, null), 80, Screen.UNLIMITED))).containsExactly(
                "SteadyState session id1",
                "Link: (none yet)",
                "",
                "Connected (0)",
                "  nobody is connected",
                "",
                "Recent syncs (sync-log missing)",
                "  no sync-log in the session folder",
                "",
                "Recent activity",
                "  no activity yet");
    }

    @Test
    void unreadableLinesAreCountedInTheHeading() {
        SessionModel m = SessionModel.of(Logs.INFO).withSyncLines(List.of("x")).withActivityLines(List.of("y", "z"));
        List<String> t = text(Screen.render(view(m, null), 80, Screen.UNLIMITED));
        assertThat(t).contains("Recent syncs (1 unreadable line skipped)", "Recent activity (2 unreadable lines skipped)");
    }

    @Test
    void textFromTheLogsCannotReachTheTerminalAsControlSequences() {
        SessionModel m = SessionModel.of(Logs.INFO)
                .withSyncLines(List.of(Logs.sync("2025-03-14T11:59:00Z", "eve\u001b[2J", "abc", 0, 0,
                        List.of("evil\u001b]0;title\u0007.txt"))))
                .withActivityLines(List.of(Logs.activity("2025-03-14T11:59:00Z", "bob", "exec", "a\rb\nc")));
        String all = Screen.plainText(Screen.render(view(m, null), Screen.UNLIMITED, Screen.UNLIMITED));
        assertThat(all).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        assertThat(all).contains("eve?[2J", "evil?]0;title?.txt", "exec a?b?c");
    }

    @Test
    void publishEventsAndUnknownKinds() {
        SyncEvent published = new SyncEvent(NOW, "bob", "publish", "9f8e7d6c5b4a", null, null, null, null, null,
                "feature/x", "origin", null);
        SyncEvent failed = new SyncEvent(NOW, "bob", "publish-failed", null, null, null, null, null, null, null, null,
                "rejected: non-fast-forward");
        SyncEvent future = new SyncEvent(NOW, "bob", "rebase", "abcdef0123", null, null, null, null, null, null, null,
                null);
        assertThat(Screen.describe(published)).isEqualTo("published 9f8e7d6 to feature/x on origin");
        assertThat(Screen.describe(failed)).isEqualTo("publish failed: rejected: non-fast-forward");
        assertThat(Screen.describe(future)).isEqualTo("rebase abcdef0");
    }

    @Test
    void theFooterShowsTheStatusOrThePrompt() {
        Ui.State status = Ui.State.INITIAL.withStatus("sync (exit 0): synced 3 files");
        assertThat(Screen.render(view(model(), status), 200, 20).getLast().text())
                .isEqualTo("s sync  d diff  c credit  q quit  |  sync (exit 0): synced 3 files");
        Ui.State prompt = new Ui.State(true, "src/A.java", null, false);
        assertThat(Screen.render(view(model(), prompt), 200, 20).getLast().text())
                .isEqualTo("credit which file? src/A.java_   (Enter runs it, Esc cancels)");
    }

    @Test
    void fitCutsByCharactersWithAnEllipsis() {
        assertThat(Screen.fit("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Screen.fit("abcdef", 5)).isEqualTo("abcd\u2026");
        assertThat(Screen.fit("abcdef", 1)).isEqualTo("\u2026");
        assertThat(Screen.fit("abcdef", 0)).isEmpty();
        assertThat(Screen.fit("d\u00e9j\u00e0 \uD83D\uDE00x", 7)).isEqualTo("d\u00e9j\u00e0 \uD83D\uDE00x");
        assertThat(Screen.fit("d\u00e9j\u00e0 \uD83D\uDE00x", 6)).isEqualTo("d\u00e9j\u00e0 \u2026");
    }
}
