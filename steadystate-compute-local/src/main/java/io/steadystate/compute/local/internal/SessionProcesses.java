package io.steadystate.compute.local.internal;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import io.steadystate.compute.local.LaunchCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a session's processes (already prepared by the launcher) and remembers them, so that
 * terminating the session ends every one of them and their children.
 */
final class SessionProcesses {

    private final Set<ProcessHandle> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Starts {@code command} on pipes. */
    Process startPiped(LaunchCommand command) throws IOException {
        ensureOpen();
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().clear();
        pb.environment().putAll(command.environment());
        pb.directory(command.workingDir().toFile());
        Process p = pb.start();
        track(p.toHandle());
        return p;
    }

    /** Starts {@code command} on a new pseudo-terminal of the given size. */
    PtyProcess startPty(LaunchCommand command, int columns, int rows) throws IOException {
        ensureOpen();
        PtyProcess p = new PtyProcessBuilder(command.argv().toArray(String[]::new))
                .setEnvironment(command.environment())
                .setDirectory(command.workingDir().toString())
                .setInitialColumns(columns)
                .setInitialRows(rows)
                .setConsole(false)
                .start();
        ProcessHandle.of(p.pid()).ifPresent(this::track);
        return p;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the session is shutting down");
        }
    }

    private void track(ProcessHandle handle) {
        live.add(handle);
        handle.onExit().thenRun(() -> live.remove(handle));
        if (closed) {
            kill(List.of(handle), Duration.ZERO);
        }
    }

    /** How many tracked processes are still running. */
    int running() {
        return (int) live.stream().filter(ProcessHandle::isAlive).count();
    }

    /** Ends every process and its descendants: TERM, then KILL after {@code grace}. */
    void killAll(Duration grace) {
        closed = true;
        kill(new ArrayList<>(live), grace);
    }

    /** Ends one process tree: TERM, then KILL after {@code grace}. */
    static void kill(List<ProcessHandle> roots, Duration grace) {
        // Collect descendants first: once a parent dies its children are re-parented and lost.
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots) {
            root.descendants().forEach(all::add);
            all.add(root);
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    h.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // still running: killed below
                }
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * Ends the processes an earlier server left running for the session in {@code sessionDir} (a server
     * killed with {@code kill -9} ends none of them): sandboxes whose command line names a path of that
     * folder, and what runs in them. Only processes of this OS user can be seen and signalled.
     */
    static void endLeftovers(Path sessionDir) {
        String marker = sessionDir.toAbsolutePath().normalize() + "/";
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> roots = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().command().map(c -> c.endsWith("/bwrap")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.stream(args).anyMatch(a -> a.startsWith(marker)))
                        .orElse(false))
                .toList();
        if (!roots.isEmpty()) {
            kill(roots, Duration.ofSeconds(1));
        }
    }
}
