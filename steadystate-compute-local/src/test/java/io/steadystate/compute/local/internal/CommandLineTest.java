package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void acceptsSteadystateWithPlainWords() {
        assertThat(CommandLine.steadystateArgs("steadystate sync")).contains(List.of("sync"));
        assertThat(CommandLine.steadystateArgs("steadystate  --version")).contains(List.of("--version"));
        assertThat(CommandLine.steadystateArgs("steadystate")).contains(List.of());
        assertThat(CommandLine.steadystateArgs("steadystate diff src/a.txt --name=x"))
                .contains(List.of("diff", "src/a.txt", "--name=x"));
    }

    @Test
    void refusesOtherProgramsAndShellSyntax() {
        for (String c : List.of("ls", "", "  ", "bash -c steadystate", "steadystate; rm -rf /", "steadystate && ls",
                "steadystate | sh", "steadystate $(id)", "steadystate `id`", "steadystate 'sync'", "steadystate \"x\"",
                "steadystate > /tmp/x", "steadystate *", "steadystate ~", "/bin/steadystate sync",
                "steadystate sync\nls", "STEADYSTATE=1 steadystate")) {
            assertThat(CommandLine.steadystateArgs(c)).as(c).isEmpty();
        }
        assertThat(CommandLine.steadystateArgs(null)).isEmpty();
    }
}
