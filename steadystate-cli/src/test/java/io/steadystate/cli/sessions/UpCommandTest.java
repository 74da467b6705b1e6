package io.steadystate.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.steadystate.cli.CapturedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** up, sessions and down where no server is needed: argument checks, not logged in, help. */
class UpCommandTest {

    @TempDir
    Path cfg;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();



    private Map<String, String> env() {
        return Map.of("STEADYSTATE_CONFIG_DIR", cfg.toString(), "STEADYSTATE_BACKEND_URL", "http://127.0.0.1:9");
    }

    private int run(String... args) {
        output.reset();
        return Main.run(env(), args);
    }


    @Test
    void aBadModeIsWrongUsage() {
        assertThat(run("up", "--mode", "solo", "https://github.com/acme/api")).isEqualTo(129);
        assertThat(output.err()).startsWith("error: --mode must be collab or pair, not 'solo'\n").contains("steadystate up --help");
        assertThat(run("up", "--mode", "COLLAB", "https://github.com/acme/api")).isEqualTo(129);
    }

    @Test
    void anEmptyOrMissingRepoIsWrongUsage() {
        assertThat(run("up", "")).isEqualTo(129);
        assertThat(output.err()).startsWith("error: REPO must not be empty");
        assertThat(run("up", "  ")).isEqualTo(129);
        assertThat(run("up")).isEqualTo(129);
        assertThat(output.err()).contains("REPO");
    }

    @Test
    void aLocalFolderThatDoesNotExistIsWrongUsage() {
        assertThat(run("up", cfg.resolve("missing").toString())).isEqualTo(129);
        assertThat(output.err()).contains("is neither a URL nor a folder").contains("missing does not exist");
    }

    @Test
    void otherOptionsAreChecked() {
        String repo = "https://github.com/acme/api";
        assertThat(run("up", "--allow", "alice,,bob", repo)).isEqualTo(129);
        assertThat(output.err()).contains("--allow takes logins separated by commas; '' is not one");
        assertThat(run("up", "--allow", "-x", repo)).isEqualTo(129);
        assertThat(run("up", "--viewers", "a b", repo)).isEqualTo(129);
        assertThat(output.err()).contains("--viewers");
        assertThat(run("up", "--branch", "--upload-pack=x", repo)).isEqualTo(129);
        assertThat(output.err()).contains("--branch must be a branch name");
        assertThat(run("up", "--provider", "a/b", repo)).isEqualTo(129);
        assertThat(run("up", "--timeout", "0", "--wait", repo)).isEqualTo(129);
        assertThat(output.err()).contains("--timeout must be between 1 and 86400 seconds");
        assertThat(run("up", "--timeout", "soon", repo)).isEqualTo(129);
    }

    @Test
    void validArgumentsGoOnToTheLoginCheck() {
        assertThat(run("up", "--mode", "pair", "--allow", "alice,bob", "--viewers", "carol", "--branch", "main",
                "--wait", "--json", "https://github.com/acme/api")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: not logged in; run steadystate login\n");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void theRequestCarriesWhatWasAsked() {
        UpCommand up = new UpCommand();
        up.repo = "git@github.com:acme/api.git";
        up.mode = "pair";
        up.allow = List.of("alice", " bob", "alice");
        up.viewers = List.of();
        up.branch = "feature/x";
        up.timeoutSeconds = 300;
        assertThat(up.request(cfg)).isEqualTo(new CreateSessionRequest("git@github.com:acme/api.git", "feature/x",
                "pair", List.of("alice", "bob"), null, null));
    }

    @Test
    void repositoriesAreUrlsOrAbsoluteFolders() throws IOException {
        Files.createDirectories(cfg.resolve("work/repo"));
        assertThat(UpCommand.repository("https://github.com/acme/api", cfg)).isEqualTo("https://github.com/acme/api");
        assertThat(UpCommand.repository("ssh://git@host/x.git", cfg)).isEqualTo("ssh://git@host/x.git");
        assertThat(UpCommand.repository("file:///srv/x", cfg)).isEqualTo("file:///srv/x");
        assertThat(UpCommand.repository("git@github.com:acme/api.git", cfg)).isEqualTo("git@github.com:acme/api.git");
        assertThat(UpCommand.repository("work/repo", cfg)).isEqualTo(cfg.resolve("work/repo").toString());
        assertThat(UpCommand.repository("./work/../work/repo/", cfg)).isEqualTo(cfg.resolve("work/repo").toString());
        assertThat(UpCommand.repository(cfg.resolve("work").toString(), Path.of("/"))).isEqualTo(cfg.resolve("work").toString());
        assertThatThrownBy(() -> UpCommand.repository("a\nb", cfg)).hasMessageContaining("control characters");
    }

    @Test
    void theSummaryQuotesTheJoinCommand() {
        SessionView running = new SessionView("abcdefgh12345678", "Running", "collab", "https://github.com/acme/api",
                null, "alice", null, null, "local", "steady@127.0.0.1:40022", "steadystate://collab/abcdefgh12345678?x='y'",
                null, null, null, null);
        assertThat(UpCommand.describe(running)).isEqualTo(""
                + "Session abcdefgh12345678: Running (collab, https://github.com/acme/api)\n"
                + "Magic link: steadystate://collab/abcdefgh12345678?x='y'\n"
                + "Join with:  steadystate join 'steadystate://collab/abcdefgh12345678?x='\\''y'\\'''\n");
        SessionView provisioning = new SessionView("abcdefgh12345678", "Provisioning", "pair", "/srv/x", null, "alice",
                null, null, "local", null, null, null, null, null, null);
        assertThat(UpCommand.describe(provisioning)).startsWith("Session abcdefgh12345678: Provisioning (pair, /srv/x)\n")
                .contains("The magic link is ready once the session is Running");
    }

    @Test
    void downChecksTheIdBeforeAskingTheServer() {
        assertThat(run("down", "../../auth/me")).isEqualTo(129);
        assertThat(output.err()).startsWith("error: not a session id: '../../auth/me'");
        assertThat(run("down")).isEqualTo(129);
        assertThat(run("down", "abcdefgh12345678")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: not logged in; run steadystate login\n");
    }

    @Test
    void sessionsNeedsALogin() {
        assertThat(run("sessions")).isEqualTo(1);
        assertThat(run("sessions", "--json")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: not logged in; run steadystate login\n");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void everyCommandHasHelpWithItsExitCodes() {
        for (String command : List.of("up", "sessions", "down", "join")) {
            output.reset();
            assertThat(Main.run(env(), command, "--help")).isZero();
            assertThat(output.out()).as(command).contains("Usage: steadystate " + command).contains("Exit codes:")
                    .contains("129").contains("255");
        }
    }
}
