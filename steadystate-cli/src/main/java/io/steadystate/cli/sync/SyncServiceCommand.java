package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import io.steadystate.cli.session.ControlClient;
import io.steadystate.cli.session.Whoami;
import io.steadystate.sync.Author;
import io.steadystate.sync.SyncCommit;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import io.steadystate.sync.WorktreeSync;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code steadystate sync-service}: a long-lived process of the session that does the half of each sync
 * that writes canonical ({@link WorktreeSync#commit}) for one member, so that a sync costs the merge and
 * not a JVM's start and warm-up. It is the only writer of canonical: the session starts one per member
 * on demand (the control socket's {@code sync-service} request) in a sandbox where canonical is writable
 * and the member's home read-only; it asks the control socket who each client is, with the client's
 * own token, serves only its member, and answers with what the client then writes into its own
 * worktree ({@link io.steadystate.sync.SyncCommit}). It stops by itself when idle.
 */
@Command(name = "sync-service", hidden = true,
        description = "Serve syncs for this session on a Unix socket (started by the session on demand).")
public final class SyncServiceCommand implements Callable<Integer> {

    @Option(names = "--socket", required = true, paramLabel = "PATH", description = "The socket to serve.")
    Path socket;

    @Option(names = "--member", required = true, paramLabel = "LOGIN", description = "The only member this service serves.")
    String member;

    @Option(names = "--canonical", required = true, paramLabel = "DIR",
            description = "The canonical repository (never taken from the member's worktree).")
    Path canonical;

    @Option(names = "--idle-minutes", paramLabel = "N", description = "Stop after N minutes without a request (default 15).")
    int idleMinutes = 15;

    @CommandLine.ParentCommand
    Main main;

    /** How long a client may take to send its request line. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final AtomicInteger active = new AtomicInteger();
    private volatile Instant lastUse = Instant.now();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path control = main.environment().containsKey(ControlClient.SOCKET_VARIABLE)
                ? Path.of(main.environment().get(ControlClient.SOCKET_VARIABLE))
                : canonical.resolveSibling(ControlClient.SOCKET_FILE);
        if (answers(socket)) {
            return 0;
        }
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Thread.ofPlatform().daemon(true).name("sync-service-idle").start(() -> stopWhenIdle(server));
            while (server.isOpen()) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    break;
                }
                active.incrementAndGet();
                lastUse = Instant.now();
                Thread.ofVirtual().name("sync-service-client").start(() -> {
                    try (client) {
                        serve(client, control, member, canonical);
                    } catch (IOException e) {
                        // the client went away
                    } finally {
                        lastUse = Instant.now();
                        active.decrementAndGet();
                    }
                });
            }
        } finally {
            Files.deleteIfExists(socket);
        }
        return 0;
    }

    private void stopWhenIdle(ServerSocketChannel server) {
        Duration limit = Duration.ofMinutes(Math.max(1, idleMinutes));
        while (server.isOpen()) {
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                return;
            }
            if (active.get() == 0 && Duration.between(lastUse, Instant.now()).compareTo(limit) > 0) {
                try {
                    server.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    private static void serve(SocketChannel client, Path control, String member, Path canonical) throws IOException {
        InputStream in = Channels.newInputStream(client);
        OutputStream out = Channels.newOutputStream(client);
        // A client that connects and says nothing must not hold the service (and its idle stop) forever.
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                if (!asked.await(REQUEST_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    client.close();
                }
            } catch (InterruptedException | IOException e) {
                // nothing to close
            }
        });
        String line;
        try {
            line = SyncServiceProtocol.readLine(in);
        } finally {
            asked.countDown();
        }
        if (line == null) {
            return;
        }
        String[] f = line.split("\t", 4);
        try {
            if (f.length != 4 || !f[0].equals("SYNC") || f[1].isBlank()) {
                throw new CliException(Main.EXIT_USAGE, "not a sync request");
            }
            Whoami me = new ControlClient(control, f[1]).whoami();
            if (!me.login().equals(member)) {
                throw new CliException(Main.EXIT_AUTH, "this sync service serves " + member + ", not " + me.login());
            }
            Worktree worktree = Worktree.open(me.worktree(), canonical);
            if (!Path.of(f[3]).toAbsolutePath().normalize().startsWith(worktree.root())) {
                throw new CliException(Main.EXIT_AUTH, "this worktree is not yours; yours, " + me.login() + ", is "
                        + me.worktree());
            }
            SyncCommit result = new WorktreeSync(worktree).commit(Author.ofLogin(me.login()), me.branch(), message -> {
                try {
                    write(out, "P\t" + SyncServiceProtocol.field(message) + "\n");
                } catch (IOException e) {
                    // the client stopped listening; the sync goes on and finishes
                }
            });
            write(out, "C\n" + Json.mapper().writeValueAsString(result) + "\n");
        } catch (CliException e) {
            write(out, "X\t" + e.exitCode() + "\t" + SyncServiceProtocol.field(e.getMessage()) + "\n");
        } catch (SyncException e) {
            write(out, "X\t" + Main.EXIT_ERROR + "\t" + SyncServiceProtocol.field(e.getMessage()) + "\n");
        } catch (IOException | RuntimeException e) {
            write(out, "X\t" + Main.EXIT_ERROR + "\tthe sync service failed: " + SyncServiceProtocol.field(String.valueOf(e.getMessage())) + "\n");
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Whether a service already answers on {@code socket}. */
    static boolean answers(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
