package io.steadystate.cli.worktree;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The option every worktree command takes: where to start looking for the worktree. */
public final class WorktreeOptions {

    @Option(names = "-C", paramLabel = "DIR",
            description = "Run as if started in DIR (as git -C); PATHs are then relative to DIR.")
    Path directory;

    /** The folder the command acts from: the current folder, or DIR resolved against it. */
    public Path cwd() {
        Path here = Path.of("").toAbsolutePath();
        return (directory == null ? here : here.resolve(directory)).normalize();
    }
}
