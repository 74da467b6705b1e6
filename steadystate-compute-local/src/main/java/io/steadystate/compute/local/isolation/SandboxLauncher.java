package io.steadystate.compute.local.isolation;

import io.steadystate.compute.local.LaunchCommand;
import io.steadystate.compute.local.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts every session process inside {@link Sandbox bubblewrap}: of the session's folder it sees only
 * the {@link io.steadystate.compute.local.SessionMount mounts} the provider chose for it, the server's
 * data dir and other sessions are not there at all, and the process sees its own PID namespace. What a
 * sandbox mounts comes only from the provider, never from a file session members can write.
 */
public final class SandboxLauncher implements ProcessLauncher {

    private final Sandbox sandbox;
    private final Path serverDataDir;
    private final Path javaHome;
    private final Path launcherDir;

    /**
     * @param serverDataDir the server's data dir, hidden from sessions
     * @param javaHome      the Java runtime the session's {@code steadystate} runs on, visible read-only
     * @param launcherDir   the SteadyState installation the session's {@code steadystate} runs from, visible read-only
     */
    public SandboxLauncher(Sandbox sandbox, Path serverDataDir, Path javaHome, Path launcherDir) {
        this.sandbox = sandbox;
        this.serverDataDir = serverDataDir.toAbsolutePath().normalize();
        this.javaHome = javaHome;
        this.launcherDir = launcherDir;
    }

    @Override
    public LaunchCommand prepare(LaunchCommand command) {
        SandboxPolicy policy = SandboxPolicy.of(command.sessionDir(), serverDataDir, javaHome, launcherDir)
                .withMounts(command.mounts());
        Map<String, String> env = new LinkedHashMap<>();
        command.environment().forEach((k, v) -> {
            if (Sandbox.isAllowedVariable(k)) {
                env.put(k, v);
            }
        });
        Sandbox.Terminal terminal = command.login() == null ? Sandbox.Terminal.DETACHED : Sandbox.Terminal.INTERACTIVE;
        List<String> argv = sandbox.argv(policy, terminal, command.workingDir(), env, command.argv());
        // The variables travel in bwrap's own environment, which it hands on: never on its command line.
        return new LaunchCommand(command.session(), command.sessionDir(), command.login(), argv, env,
                Path.of("/"), command.mounts());
    }

    /** A sandbox launcher when bubblewrap works here; empty otherwise. */
    public static Optional<SandboxLauncher> detect(Path serverDataDir, Path javaHome, Path launcherDir) {
        return Sandbox.detect().map(s -> new SandboxLauncher(s, serverDataDir, javaHome, launcherDir));
    }
}
