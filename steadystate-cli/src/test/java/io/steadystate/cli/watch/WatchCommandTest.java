package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code steadystate watch} in this process, on a session folder made by hand; the output is not a terminal. */
class WatchCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private SessionFolder session;

    @BeforeEach
    void createSession() throws Exception {
        session = SessionFolder.create(tmp);
    }

    @Test
    void plainPrintsOneRenderingWithoutEscapes() {
        assertThat(Main.run(Map.of(), "watch", "--plain", "--session-dir", session.dir.toString())).isZero();
        String out = output.out();
        assertThat(out).startsWith("SteadyState session abcdefgh12345678 on steadystate/collab/abcdefgh12345678\n"
                + "Link: " + Logs.LINK + "\n"
                + "Join: steadystate join '" + Logs.LINK + "'\n"
                + "\n"
                + "Connected (1)\n"
                + "  alice  since ");
        assertThat(out).contains("\nRecent syncs\n").contains("  alice  synced ")
                .contains(": 1 pushed, 0 pulled, 1 conflict: src/App.java\n")
                .contains("\nRecent activity (1 unreadable line skipped)\n")
                .contains("  bob    disconnect from /127.0.0.1:5556\n")
                .contains("  alice  provisioned ssh port 40022\n")
                .doesNotContain("\u001b").doesNotContain("s sync  d diff");
        assertThat(output.err()).isEmpty();
    }

    @Test
    void withoutATerminalTheDefaultIsThePlainRendering() {
        Map<String, String> env = Map.of(SessionLocator.ENV, session.dir.toString());
        assertThat(Main.run(env, "watch")).isZero();
        String plain = output.out();
        assertThat(plain).startsWith("SteadyState session abcdefgh12345678");
        output.reset();
        assertThat(Main.run(env, "watch", "--once")).isZero();
        assertThat(output.out()).isEqualTo(plain);
    }

    @Test
    void jsonPrintsTheSameSnapshot() throws Exception {
        assertThat(Main.run(Map.of(), "watch", "--json", "--session-dir", session.dir.toString())).isZero();
        JsonNode json = Json.mapper().readTree(output.out());
        assertThat(json.at("/session/id").asText()).isEqualTo(SessionFolder.ID);
        assertThat(json.at("/session/magic_link").asText()).isEqualTo(Logs.LINK);
        assertThat(json.at("/session/join_command").asText()).isEqualTo("steadystate join '" + Logs.LINK + "'");
        assertThat(json.at("/connected")).hasSize(1);
        assertThat(json.at("/connected/0/user").asText()).isEqualTo("alice");
        assertThat(json.at("/connected/0/since").asText()).isEqualTo("2024-01-02T03:05:00Z");
        assertThat(json.at("/connected/0/connections").asInt()).isEqualTo(1);
        assertThat(json.at("/syncs/0/event").asText()).isEqualTo("sync");
        assertThat(json.at("/syncs/0/pushed").asInt()).isEqualTo(1);
        assertThat(json.at("/syncs/0/conflicts/0").asText()).isEqualTo("src/App.java");
        assertThat(json.at("/activity")).hasSize(4);
        assertThat(json.at("/activity/0/event").asText()).isEqualTo("disconnect");
        assertThat(json.at("/activity/3/event").asText()).isEqualTo("provisioned");
        assertThat(json.at("/unreadable_lines/activity-log").asInt()).isEqualTo(1);
        assertThat(json.at("/unreadable_lines/sync-log").asInt()).isZero();
        assertThat(json.at("/missing_logs")).isEmpty();
        assertThat(json.at("/generated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void missingLogsAreShownNotFatal() throws Exception {
        session.remove("sync-log");
        session.remove("activity-log");
        assertThat(Main.run(Map.of(), "watch", "--session-dir", session.dir.toString())).isZero();
        assertThat(output.out()).contains("Recent syncs (sync-log missing)\n  no sync-log in the session folder\n")
                .contains("Recent activity (activity-log missing)\n  no activity-log in the session folder\n")
                .contains("Connected (0)\n  nobody is connected\n");
        output.reset();
        assertThat(Main.run(Map.of(), "watch", "--json", "--session-dir", session.dir.toString())).isZero();
        assertThat(Json.mapper().readTree(output.out()).at("/missing_logs").toString())
                .isEqualTo("[\"sync-log\",\"activity-log\"]");
    }

    @Test
    void aFolderThatIsNotASessionIsAFailure() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(Main.run(Map.of(), "watch", "--session-dir", empty.toString())).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: " + empty + " is not a session folder (it has no session-info.json)\n");
        output.reset();
        assertThat(Main.run(Map.of(), "watch", "--session-dir", tmp.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: no session folder at " + tmp.resolve("nowhere") + "\n");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void aDamagedSessionInfoIsAFailure() throws Exception {
        Files.writeString(session.dir.resolve("session-info.json"), "{\"id\": ");
        assertThat(Main.run(Map.of(), "watch", "--session-dir", session.dir.toString())).isEqualTo(1);
        assertThat(output.err()).startsWith("error: cannot read " + session.dir.resolve("session-info.json"));
        output.reset();
        Files.writeString(session.dir.resolve("session-info.json"), "{\"magic_link\": \"x\"}");
        assertThat(Main.run(Map.of(), "watch", "--session-dir", session.dir.toString())).isEqualTo(1);
        assertThat(output.err()).contains("names no session id");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(Main.run(Map.of(), "watch", "--nope")).isEqualTo(129);
        assertThat(output.err()).contains("--nope");
    }

    @Test
    void helpListsKeysAndExitCodes() {
        assertThat(Main.run(Map.of(), "watch", "--help")).isZero();
        assertThat(output.out()).contains("s runs steadystate sync").contains("Exit codes:").contains("--session-dir");
    }
}
