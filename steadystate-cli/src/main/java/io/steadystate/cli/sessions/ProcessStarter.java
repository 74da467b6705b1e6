package io.steadystate.cli.sessions;

import java.io.IOException;
import java.util.List;

/** Runs a program with an argument list (never through a shell) and waits for its exit code. */
@FunctionalInterface
public interface ProcessStarter {

    /**
     * Runs {@code argv} to its end.
     *
     * @throws IOException when the program cannot be started
     */
    int run(List<String> argv) throws IOException, InterruptedException;

    /** Runs a real process that shares this one's standard input, output and error (the terminal). */
    static ProcessStarter inheritingIo() {
        return argv -> new ProcessBuilder(argv).inheritIO().start().waitFor();
    }
}
