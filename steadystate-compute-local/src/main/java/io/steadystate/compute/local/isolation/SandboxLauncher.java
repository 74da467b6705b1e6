package io.steadystate.compute.local.isolation;

import io.steadystate.compute.local.LaunchCommand;
import io.steadystate.compute.local.ProcessLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts every session process inside {@link Sandbox bubblewrap}: only the session's own folder is
 * writable, the server's data dir and other sessions are not there at all, and the process sees its
 * own PID namespace. bubblewrap itself starts with an empty environment, because it stays in the
 * sandbox as PID 1 and its environment would be readable there.
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
                .withExtraReadOnly(borrowedObjectDirs(command.sessionDir()));
        Map<String, String> env = new LinkedHashMap<>();
        command.environment().forEach((k, v) -> {
            if (Sandbox.isAllowedVariable(k)) {
                env.put(k, v);
            }
        });
        Sandbox.Terminal terminal = command.login() == null ? Sandbox.Terminal.DETACHED : Sandbox.Terminal.INTERACTIVE;
        List<String> argv = sandbox.argv(policy, terminal, command.workingDir(), env, command.argv());
        return new LaunchCommand(command.session(), command.sessionDir(), command.login(), argv, Map.of(), command.workingDir());
    }

    /**
     * The object folders the session's repository borrows from (git alternates: a local source is
     * cloned without copying its objects); git inside the sandbox must be able to read them.
     */
    static List<Path> borrowedObjectDirs(Path sessionDir) {
        Path alternates = sessionDir.resolve("canonical").resolve("objects").resolve("info").resolve("alternates");
        List<Path> dirs = new ArrayList<>();
        try {
            if (Files.isRegularFile(alternates)) {
                for (String line : Files.readAllLines(alternates, StandardCharsets.UTF_8)) {
                    String trimmed = line.trim();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        Path dir = Path.of(trimmed);
                        if (dir.isAbsolute() && Files.isDirectory(dir)) {
                            dirs.add(dir.toRealPath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            // Without them git fails inside the sandbox with a clear "missing object" error.
        }
        return dirs;
    }

    /** A sandbox launcher when bubblewrap works here; empty otherwise. */
    public static Optional<SandboxLauncher> detect(Path serverDataDir, Path javaHome, Path launcherDir) {
        return Sandbox.detect().map(s -> new SandboxLauncher(s, serverDataDir, javaHome, launcherDir));
    }
}
