package io.steadystate.cli.worktree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.steadystate.cli.sessions.ShellQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status, diff and credit through the real {@code bin/steadystate}: started in a subfolder of the
 * worktree, on a pipe (plain output, no pager) and on a terminal made by {@code script} (colour, pager).
 */
class WorktreeCommandsIT {

    private static final Path SCRIPT = Path.of("/usr/bin/script");

    private static Path launcher;

    @TempDir
    Path tmp;

    private SessionFixture session;

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void findLauncher() throws IOException {
        String property = System.getProperty("steadystate.launcher");
        assumeTrue(property != null, "steadystate.launcher is not set (run through failsafe)");
        launcher = Path.of(property).toAbsolutePath().normalize();
        // As in MergeFileIT: the package phase has just run, so the jar is current; keep the launcher
        // from rebuilding because test sources are newer.
        Path target = launcher.getParent().resolveSibling("steadystate-cli").resolve("target");
        try (Stream<Path> jars = Files.list(target)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().matches("steadystate-cli-.*\\.jar")).toList()) {
                Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
            }
        }
    }

    @BeforeEach
    void createSession() throws IOException {
        session = SessionFixture.create(tmp, Map.of("README.md", "# demo\n", "src/App.java", "class App {\n}\n"));
        session.write("README.md", "# demo, changed\n");
        session.write("src/New.java", "class New {}\n");
    }

    /** The launcher run in {@code dir} with stdout and stderr on pipes. */
    private Run run(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        return start(dir, env, argv);
    }

    /** The launcher run in {@code dir} on a pseudo-terminal made by script(1); stdout is what the terminal showed. */
    private Run onTerminal(Path dir, Map<String, String> env, String... args) throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "script(1) is not installed");
        List<String> argv = new ArrayList<>(List.of(launcher.toString()));
        argv.addAll(List.of(args));
        Run r = start(dir, env, List.of(SCRIPT.toString(), "-qec", ShellQuote.commandLine(argv), "/dev/null"));
        return new Run(r.exit(), r.stdout().replace("\r\n", "\n"), r.stderr());
    }

    private Run start(Path dir, Map<String, String> env, List<String> argv) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("PAGER");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " did not finish in 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void fromASubfolderOnAPipe() throws Exception {
        Path src = session.work.resolve("src");
        Run status = run(src, Map.of(), "status");
        assertThat(status.exit()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("\tmodified:     ../README.md\n", "\tadded:        New.java\n")
                .doesNotContain("\033");

        // A pager is never started on a pipe, whatever PAGER says.
        Run diff = run(src, Map.of("PAGER", "false"), "diff", ".");
        assertThat(diff.exit()).as(diff.stderr()).isZero();
        assertThat(diff.stdout()).startsWith("diff --git a/src/New.java b/src/New.java\nnew file mode 100644\n")
                .doesNotContain("README").doesNotContain("\033");

        Run credit = run(src, Map.of(), "credit", "App.java");
        assertThat(credit.exit()).as(credit.stderr()).isZero();
        assertThat(credit.stdout()).endsWith("  alice  2024-05-01  2  }\n");
    }

    @Test
    void errorsOnAPipe() throws Exception {
        Run outside = run(tmp, Map.of(), "status");
        assertThat(outside.exit()).isEqualTo(255);
        assertThat(outside.stdout()).isEmpty();
        assertThat(outside.stderr()).startsWith("error: " + tmp.toRealPath() + " is not inside a SteadyState worktree");

        Run usage = run(session.work, Map.of(), "diff", "../..");
        assertThat(usage.exit()).isEqualTo(129);
        assertThat(usage.stdout()).isEmpty();
    }

    @Test
    void onATerminalTheDiffIsColouredAndPaged() throws Exception {
        Path paged = tmp.resolve("paged");
        Run r = onTerminal(session.work, Map.of("PAGER", "dd of=" + paged + " status=none"), "diff");
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        assertThat(Files.readString(paged, UTF_8)).startsWith("\033[1mdiff --git a/README.md b/README.md\033[m\n")
                .contains("\033[31m-# demo\033[m\n");

        Files.delete(paged);
        r = onTerminal(session.work, Map.of("PAGER", "dd of=" + paged + " status=none", "NO_COLOR", "1"), "diff");
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(paged, UTF_8)).startsWith("diff --git a/README.md b/README.md\n").doesNotContain("\033");
    }

    @Test
    void onATerminalStatusAndCreditAreColoured() throws Exception {
        Run status = onTerminal(session.work, Map.of(), "status");
        assertThat(status.exit()).isZero();
        assertThat(status.stdout()).contains("\t\033[33mmodified:     README.md\033[m\n");

        Run credit = onTerminal(session.work, Map.of("PAGER", "cat"), "credit", "README.md");
        assertThat(credit.exit()).isZero();
        assertThat(credit.stdout()).contains("\033[32mnot synced\033[m");

        Run plain = onTerminal(session.work, Map.of("NO_COLOR", "1"), "status");
        assertThat(plain.stdout()).contains("\tmodified:     README.md\n").doesNotContain("\033");
    }

    @Test
    void aPagerThatCannotStartFallsBackToTheTerminal() throws Exception {
        Run r = onTerminal(session.work, Map.of("PAGER", tmp.resolve("no-such-pager").toString()), "diff");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).contains("diff --git a/README.md b/README.md");
    }
}
