package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's main command through the real launcher: server, session, SSH, sync, publish, teardown. */
class QuickstartIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("steadystate.launcher", "../bin/steadystate"));

    @Test
    void theTourRunsEveryStepAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path workspace = tmp.resolve("tour");
        Process p = new ProcessBuilder(LAUNCHER.toString(), "quickstart", "--dir", workspace.toString())
                .redirectErrorStream(true)
                .start();
        String output = readAll(p);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("[1/9]", "[9/9]", "Synced", "CONFLICT   VERSION", "<<<<<<< canonical",
                "return \"Welcome, \" + name.title() + \"!\"", "conflict on the shared line", "Published steadystate/collab/",
                "pushed 2, pulled 1");
        // --dir given: the folder stays, but everything the tour started is gone.
        assertThat(workspace.resolve("data/sessions")).isEmptyDirectory();
        assertThat(ProcessHandle.current().descendants().filter(h -> h.info().commandLine().orElse("")
                .contains(workspace.toString()))).isEmpty();
    }

    @Test
    void quickstartRefusesANonEmptyFolder(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        Process p = new ProcessBuilder(LAUNCHER.toString(), "quickstart", "--dir", tmp.toString()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(255);
        assertThat(err).contains("is not empty");
        assertThat(Files.readString(tmp.resolve("precious.txt"))).isEqualTo("keep me");
        try (var files = Files.list(tmp)) {
            assertThat(files).hasSize(1);
        }
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
