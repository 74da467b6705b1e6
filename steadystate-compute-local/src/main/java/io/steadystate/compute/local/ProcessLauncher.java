package io.steadystate.compute.local;

/**
 * The one place every process of a session passes through before it starts: login shells,
 * {@code steadystate} subcommands run over SSH, {@link io.steadystate.api.spi.RemoteExecutor}
 * commands and the git housekeeping that creates worktrees.
 *
 * <p>A launcher gets the command as the provider would run it and returns the command to actually
 * run, for example the same argv behind a sandbox program ({@code bwrap ... -- argv}). The provider
 * then starts the result itself, on a pipe or on a pseudo-terminal, and tracks the process so that
 * terminating the session ends it. Implementations must keep arguments separate (no shell strings)
 * and are called from many threads.
 */
@FunctionalInterface
public interface ProcessLauncher {

    /** Returns the command to start in place of {@code command}. */
    LaunchCommand prepare(LaunchCommand command);

    /** Runs every command as it is, with no isolation beyond a clean environment. */
    static ProcessLauncher direct() {
        return command -> command;
    }
}
