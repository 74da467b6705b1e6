package io.steadystate.compute.local.isolation;

import io.steadystate.compute.local.SessionMount;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one session's sandbox may see, besides the system directories every sandbox gets read-only.
 *
 * @param sessionDir    the session's own directory; the sandbox sees of it only {@code mounts}
 * @param mounts        the parts of the session directory the sandbox sees, in order (a later mount may
 *                      cover part of an earlier one)
 * @param serverDataDir the server's data directory (database, JWT key, other sessions); never visible,
 *                      and masked with an empty tmpfs when it lies inside one of the read-only binds
 * @param javaHome      the JDK the {@code steadystate} launcher runs on, bound read-only (if present)
 * @param launcherDir   the SteadyState installation or checkout that holds the launcher, bound
 *                      read-only (if present)
 * @param extraReadOnly further directories or files to bind read-only at the same path
 * @param hostname      the host name inside the sandbox's UTS namespace
 */
public record SandboxPolicy(
        Path sessionDir,
        List<SessionMount> mounts,
        Path serverDataDir,
        Optional<Path> javaHome,
        Optional<Path> launcherDir,
        List<Path> extraReadOnly,
        String hostname) {

    public SandboxPolicy {
        sessionDir = absolute(sessionDir, "sessionDir");
        mounts = List.copyOf(Objects.requireNonNull(mounts, "mounts"));
        serverDataDir = absolute(serverDataDir, "serverDataDir");
        javaHome = Objects.requireNonNull(javaHome, "javaHome").map(p -> absolute(p, "javaHome"));
        launcherDir = Objects.requireNonNull(launcherDir, "launcherDir").map(p -> absolute(p, "launcherDir"));
        extraReadOnly = Objects.requireNonNull(extraReadOnly, "extraReadOnly").stream()
                .map(p -> absolute(p, "extraReadOnly"))
                .toList();
        Objects.requireNonNull(hostname, "hostname");
        if (!hostname.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("hostname must be letters, digits and '-', at most 63: " + hostname);
        }
        if (serverDataDir.startsWith(sessionDir)) {
            throw new IllegalArgumentException(
                    "the session directory " + sessionDir + " must not contain the server data directory " + serverDataDir);
        }
        if (sessionDir.getNameCount() == 0) {
            throw new IllegalArgumentException("the session directory must not be the root directory");
        }
    }

    /**
     * A policy that shows the whole session directory writable, with the JDK and launcher directory, no
     * extra binds, and host name {@code steadystate}.
     */
    public static SandboxPolicy of(Path sessionDir, Path serverDataDir, Path javaHome, Path launcherDir) {
        return new SandboxPolicy(sessionDir, List.of(SessionMount.writable(sessionDir.toAbsolutePath().normalize())),
                serverDataDir, Optional.ofNullable(javaHome), Optional.ofNullable(launcherDir), List.of(), "steadystate");
    }

    public SandboxPolicy withMounts(List<SessionMount> newMounts) {
        return new SandboxPolicy(sessionDir, newMounts, serverDataDir, javaHome, launcherDir, extraReadOnly, hostname);
    }

    public SandboxPolicy withExtraReadOnly(List<Path> paths) {
        return new SandboxPolicy(sessionDir, mounts, serverDataDir, javaHome, launcherDir, paths, hostname);
    }

    public SandboxPolicy withHostname(String name) {
        return new SandboxPolicy(sessionDir, mounts, serverDataDir, javaHome, launcherDir, extraReadOnly, name);
    }

    private static Path absolute(Path p, String what) {
        Objects.requireNonNull(p, what);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be an absolute path: " + p);
        }
        return p.normalize();
    }
}
