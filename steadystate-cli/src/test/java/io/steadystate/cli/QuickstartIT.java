package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's main command through the real launcher, with the system git. */
class QuickstartIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("steadystate.launcher", "../bin/steadystate"));

    @Test
    void quickstartShowsGitConflictAndSteadyStateMerge(@TempDir Path tmp) throws Exception {
        Path demo = tmp.resolve("demo repo");
        Process p = new ProcessBuilder(LAUNCHER.toString(), "quickstart", "--dir", demo.toString())
                .redirectErrorStream(true)
                .start();
        String output = readAll(p);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("CONFLICT: git cannot merge").contains("merged cleanly");
        assertThat(Files.readString(demo.resolve("Greeter.java")))
                .contains("\"Welcome, \" + name.strip() + \"!\"")
                .contains("retries = 5")
                .doesNotContain("<<<<<<<");
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
