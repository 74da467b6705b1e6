package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import io.steadystate.sync.SyncCommit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** The {@code sync} command's side of the member's sync service: asks for the commit half of a sync. */
final class SyncServiceClient {

    /** How long a service that was just started may take to listen. */
    static final Duration START_WAIT = Duration.ofSeconds(30);

    private SyncServiceClient() {
    }

    /**
     * Has the service at {@code socket} do the commit half of a sync of {@code directory}'s worktree and
     * returns it. A refusal ends the command with the service's message and exit code; a service that does
     * not answer (or dies before answering) ends it with exit 2 and nothing changed in the worktree.
     */
    static SyncCommit commit(Path socket, String token, Path directory, Consumer<String> progress) {
        String dir = directory.toAbsolutePath().normalize().toString();
        if (dir.indexOf('\n') >= 0 || dir.indexOf('\t') >= 0) {
            throw new CliException(Main.EXIT_ERROR, "sync cannot run in a folder whose path holds a tab or a line break");
        }
        SocketChannel ch = connect(socket, progress);
        try (ch) {
            OutputStream out = Channels.newOutputStream(ch);
            out.write(("SYNC\t" + SyncServiceProtocol.field(token) + "\tjson\t" + dir + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            String line;
            while ((line = SyncServiceProtocol.readLine(in)) != null) {
                String[] f = line.split("\t", 3);
                switch (f[0]) {
                    case "P" -> progress.accept(f.length > 1 ? f[1] : "");
                    case "C" -> {
                        return Json.mapper().readValue(in.readAllBytes(), SyncCommit.class);
                    }
                    case "X" -> throw new CliException(Integer.parseInt(f[1]), f.length > 2 ? f[2] : "the sync failed");
                    default -> {
                        // a line of a newer service: ignored
                    }
                }
            }
            throw new CliException(Main.EXIT_UNREACHABLE, "the session's sync service stopped before answering;"
                    + " nothing was changed in your worktree: run sync again");
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new CliException(Main.EXIT_UNREACHABLE, "the session's sync service failed (" + e.getMessage()
                    + "); nothing was changed in your worktree: run sync again");
        }
    }

    /** Connects, waiting (bounded) for a service that is still starting. */
    private static SocketChannel connect(Path socket, Consumer<String> progress) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        boolean told = false;
        while (true) {
            try {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    return ch;
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new CliException(Main.EXIT_UNREACHABLE, "the session's sync service does not answer on "
                            + socket + " (" + e.getMessage() + "); is the session still running?");
                }
                if (!told) {
                    progress.accept("waiting for the session's sync service to start");
                    told = true;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new CliException(Main.EXIT_ERROR, "interrupted");
                }
            }
        }
    }
}
