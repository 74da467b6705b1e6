package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.cli.auth.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLocatorTest {

    @TempDir
    Path tmp;

    private SessionFolder session;

    @BeforeEach
    void createSession() throws Exception {
        session = SessionFolder.create(tmp);
    }

    @Test
    void fromAnywhereInsideAWorktreeTheSessionIsItsCanonicalsFolder() {
        SessionLocator.Location l = SessionLocator.locate(null, Map.of(), session.worktree.resolve("src/deep"));
        assertThat(l.sessionDir()).isEqualTo(session.dir.toAbsolutePath().normalize());
        assertThat(l.workDir()).isEqualTo(session.worktree.toAbsolutePath().normalize());
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheWorktree() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Path third = Files.createDirectories(tmp.resolve("third"));
        Path inside = session.worktree.resolve("src");
        assertThat(SessionLocator.locate(null, Map.of(SessionLocator.ENV, other.toString()), inside).sessionDir())
                .isEqualTo(other);
        SessionLocator.Location l = SessionLocator.locate(third, Map.of(SessionLocator.ENV, other.toString()), inside);
        assertThat(l.sessionDir()).isEqualTo(third);
        // the commands still run in the worktree the dashboard was started in
        assertThat(l.workDir()).isEqualTo(session.worktree.toAbsolutePath().normalize());
        assertThat(SessionLocator.locate(null, Map.of(SessionLocator.ENV, " "), inside).sessionDir())
                .isEqualTo(session.dir.toAbsolutePath().normalize());
    }

    @Test
    void outsideASessionItSaysWhatToDo() {
        assertThatThrownBy(() -> SessionLocator.locate(null, Map.of(), tmp))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageStartingWith("not inside a session: " + tmp.toAbsolutePath().normalize()
                        + " is not inside a SteadyState worktree")
                .hasMessageEndingWith("or pass --session-dir DIR (or set STEADYSTATE_SESSION_DIR)");
        SessionLocator.Location l = SessionLocator.locate(session.dir, Map.of(), tmp);
        assertThat(l.workDir()).isEqualTo(tmp.toAbsolutePath().normalize());
    }

    @Test
    void aWorktreeOfARepositoryOutsideASessionFolderIsRefused() throws Exception {
        Path repo = tmp.resolve("sessions").resolve(SessionFolder.ID).resolve("canonical");
        Path moved = tmp.resolve("elsewhere.git");
        SessionFolder.git(tmp, "clone", "-q", "--bare", repo.toString(), moved.toString());
        Path work = tmp.resolve("work2");
        SessionFolder.git(moved, "worktree", "add", "-q", "--detach", work.toString(), "main");
        Files.createDirectories(work.resolve(".steadystate"));
        Files.copy(session.worktree.resolve(".steadystate/steadystate.json"), work.resolve(".steadystate/steadystate.json"));
        assertThatThrownBy(() -> SessionLocator.locate(null, Map.of(), work))
                .isInstanceOf(CliException.class).hasMessageContaining("does not belong to a session folder");
    }
}
