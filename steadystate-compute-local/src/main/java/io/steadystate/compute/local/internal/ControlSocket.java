package io.steadystate.compute.local.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A session's control socket: a Unix-domain socket ({@code <session>/control.sock}, mode 0600) on which
 * commands running inside the session ask the server for what they cannot do themselves. Each
 * connection carries one request, a JSON object on one line, and gets one response line back; what the
 * request means is the {@link Handler}'s business.
 *
 * <p>A request longer than {@link #MAX_REQUEST_BYTES} is refused, and a client that has not sent its
 * line within the read timeout is disconnected, so that no client can hold a thread or memory for
 * long. Connections are served on virtual threads, up to {@link #MAX_CONNECTIONS} at a time.
 */
final class ControlSocket implements AutoCloseable {

    /** The socket's file name in the session folder. */
    static final String FILE_NAME = "control.sock";
    /** The longest request line read, newline excluded. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** Longest socket path an {@code AF_UNIX} address holds, with room for the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;
    /** How long a client may take to send its request. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Connections served at once; more wait in the accept queue. High, and each connection a virtual
     * thread with its own read timeout: a member who opens connections and sends nothing holds only
     * those, for the timeout, and cannot starve the others (a small global pool once let 16 silent
     * connections block every member's requests).
     */
    static final int MAX_CONNECTIONS = 1024;

    private static final System.Logger LOG = System.getLogger(ControlSocket.class.getName());
    /** Disconnects clients that are too slow to send their request; one thread for every session. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    /** Answers one request line with one response line (JSON, no newline); must not throw. */
    @FunctionalInterface
    interface Handler {
        String handle(String request);
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final Duration readTimeout;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private volatile boolean closed;

    private ControlSocket(Path path, ServerSocketChannel server, Handler handler, Duration readTimeout) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.readTimeout = readTimeout;
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon(true).name("control-timeout").factory());
        // A request read in time cancels its timeout: drop it from the queue at once rather than when it is due.
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /** Whether {@code path} fits in a Unix-domain socket address. */
    static boolean fits(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }

    /**
     * Listens on {@code path} (replacing a stale socket file there) and serves requests with
     * {@code handler} until {@link #close()}.
     */
    static ControlSocket open(Path path, Handler handler, Duration readTimeout) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Path socket = path.toAbsolutePath().normalize();
        if (!fits(socket)) {
            throw new IOException("the control socket path is longer than " + MAX_PATH_BYTES + " bytes: " + socket
                    + "; use a shorter STEADYSTATE_DATA_DIR");
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
            // The session folder is 0700 already, so no one else could connect in the moment before this.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        ControlSocket control = new ControlSocket(socket, channel, handler, readTimeout);
        Thread.ofPlatform().daemon(true).name("control-accept").start(control::acceptLoop);
        return control;
    }

    Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                slots.release();
                return;
            } catch (IOException e) {
                slots.release();
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "control socket " + path + ": " + e.getMessage());
                }
                continue;
            }
            try {
                Thread.ofVirtual().name("control-connection").start(() -> {
                    try {
                        serve(client);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                slots.release();
                closeQuietly(client);
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            ScheduledFuture<?> timeout = WATCHDOG.schedule(() -> closeQuietly(client), readTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            String request;
            try {
                request = readLine(client);
            } finally {
                timeout.cancel(false);
            }
            String response;
            if (request == null) {
                response = error("too_large", "a request is one JSON object on one line of at most "
                        + MAX_REQUEST_BYTES + " bytes");
            } else {
                try {
                    response = handler.handle(request);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "control request failed", e);
                    response = error("internal", "the server failed to answer; see its log");
                }
            }
            ByteBuffer out = ByteBuffer.wrap((response + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (IOException e) {
            // The client went away or took too long: there is no one to answer.
        }
    }

    /** The request line without its newline; null when it is too long. Stops at end of input too. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            buffer.clear();
            int n = client.read(buffer);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= MAX_REQUEST_BYTES) {
                    return null;
                }
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    static String error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", false);
        m.put("error", code);
        m.put("message", message);
        return Json.object(m);
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** Stops listening and removes the socket file; requests being answered still finish. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The session folder goes with the session.
        }
    }
}
