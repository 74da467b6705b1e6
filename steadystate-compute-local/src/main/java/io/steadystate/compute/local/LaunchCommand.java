package io.steadystate.compute.local;

import io.steadystate.api.SessionId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A process a session wants to start, before a {@link ProcessLauncher} has had its say.
 *
 * @param session     the session it belongs to
 * @param sessionDir  the session's folder ({@code <dataDir>/sessions/<id>})
 * @param login       the GitHub login it runs for, or null for the session's own housekeeping
 * @param argv        the program and its arguments, each a separate element (never a shell string)
 * @param environment the complete environment (nothing is inherited from the server)
 * @param workingDir  the working directory
 * @param mounts      what of the session folder the process may see; an isolating launcher shows it
 *                    nothing else of it
 */
public record LaunchCommand(SessionId session, Path sessionDir, String login, List<String> argv,
        Map<String, String> environment, Path workingDir, List<SessionMount> mounts) {

    public LaunchCommand {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(sessionDir, "sessionDir");
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        Objects.requireNonNull(workingDir, "workingDir");
        mounts = List.copyOf(Objects.requireNonNull(mounts, "mounts"));
    }

    /** A command that may see the whole session folder, writable: for launchers and tests that do not isolate. */
    public LaunchCommand(SessionId session, Path sessionDir, String login, List<String> argv,
            Map<String, String> environment, Path workingDir) {
        this(session, sessionDir, login, argv, environment, workingDir, List.of(SessionMount.writable(sessionDir)));
    }

    /** The user it runs for, if any. */
    public Optional<String> user() {
        return Optional.ofNullable(login);
    }

    /** The same command with another argument list (for launchers that wrap the program). */
    public LaunchCommand withArgv(List<String> newArgv) {
        return new LaunchCommand(session, sessionDir, login, newArgv, environment, workingDir, mounts);
    }

    /** Variable names only: values may be secrets (a connection's token), and commands end up in messages. */
    @Override
    public String toString() {
        return "LaunchCommand[session=" + session + ", login=" + login + ", argv=" + argv + ", environment="
                + new java.util.TreeSet<>(environment.keySet()) + ", workingDir=" + workingDir + ", mounts=" + mounts + "]";
    }

    /** The same command with another environment. */
    public LaunchCommand withEnvironment(Map<String, String> newEnvironment) {
        return new LaunchCommand(session, sessionDir, login, argv, newEnvironment, workingDir, mounts);
    }
}
