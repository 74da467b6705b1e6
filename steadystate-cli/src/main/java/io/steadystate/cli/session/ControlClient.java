package io.steadystate.cli.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Talks to the session's control socket from inside a session: the server's side of commands that a
 * session shell cannot do by itself, such as proving who runs it (every session user is the same OS
 * user) or pushing with the creator's forge token.
 *
 * <p>The socket is {@code STEADYSTATE_CONTROL_SOCKET}, else {@code control.sock} in the session folder of
 * the worktree around the working directory; the token that says who asks is {@code STEADYSTATE_TOKEN},
 * which the session's SSH server gives every process of a connection. One request per connection, one
 * JSON line each way, with connect and read timeouts.
 *
 * <p>Failures are {@link CliException}s: exit {@value Main#EXIT_UNREACHABLE} when the socket does not
 * answer, {@value Main#EXIT_AUTH} when there is no token or the server does not know it (or this is not a
 * session), {@value Main#EXIT_ERROR} for an answer that makes no sense.
 */
public final class ControlClient {

    /** The variable that names the control socket. */
    public static final String SOCKET_VARIABLE = "STEADYSTATE_CONTROL_SOCKET";
    /** The variable that carries the connection's token. */
    public static final String TOKEN_VARIABLE = "STEADYSTATE_TOKEN";
    /** The socket's file name in the session folder. */
    public static final String SOCKET_FILE = "run/control.sock";
    /** How long connecting may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a quick request (whoami) may take to be answered. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** How long a publish may take: the server pushes over the network meanwhile. */
    public static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(3);
    /** Answers longer than this are not the server's. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    static final String NOT_ANSWERING = "the session's control socket does not answer; is the session still running?";
    static final String UNAUTHORIZED = "this shell was not started by the session's SSH server; log in with steadystate join";

    private final Path socket;
    private final String token;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration publishTimeout;

    /** A client of {@code socket} that asks with {@code token}, with the default timeouts. */
    public ControlClient(Path socket, String token) {
        this(socket, token, CONNECT_TIMEOUT, REQUEST_TIMEOUT, PUBLISH_TIMEOUT);
    }

    /** A client with its own timeouts (tests). */
    public ControlClient(Path socket, String token, Duration connectTimeout, Duration requestTimeout,
            Duration publishTimeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.token = token;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.publishTimeout = Objects.requireNonNull(publishTimeout, "publishTimeout");
    }

    /**
     * The client for the session this process runs in: the socket and token from {@code env}, the socket
     * found from {@code workingDir}'s worktree when the variable is not set.
     *
     * @throws CliException (exit 1) when this is not a session shell
     */
    public static ControlClient fromEnvironment(Map<String, String> env, Path workingDir) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new CliException(Main.EXIT_AUTH, UNAUTHORIZED);
        }
        String named = env.get(SOCKET_VARIABLE);
        Path socket;
        if (named != null && !named.isBlank()) {
            socket = Path.of(named);
        } else {
            try {
                socket = Worktree.locate(workingDir).sessionDir()
                        .orElseThrow(() -> new CliException(Main.EXIT_AUTH, "this worktree belongs to no session folder;"
                                + " run the command in your session shell"))
                        .resolve(SOCKET_FILE);
            } catch (SyncException e) {
                throw new CliException(Main.EXIT_AUTH, e.getMessage(), e);
            }
        }
        return new ControlClient(socket, token.strip());
    }

    /** The socket this client talks to. */
    public Path socket() {
        return socket;
    }

    /** Who runs this shell, and their worktree in the session. */
    public Whoami whoami() {
        ControlResponse r = request("whoami", requestTimeout);
        if (!r.ok()) {
            throw failure(r);
        }
        if (r.login() == null || r.worktree() == null) {
            throw new CliException(Main.EXIT_ERROR, "the session's control socket answered whoami without a login");
        }
        return new Whoami(r.login(), Path.of(r.worktree()), r.sessionId(), r.branch());
    }

    /**
     * Asks the server to push the session branch to the session's origin with the creator's forge token.
     * A refused push is a {@link PublishResult.PublishFailed}, not an exception.
     */
    public PublishResult publish() {
        ControlResponse r = request("publish", publishTimeout);
        if (r.ok()) {
            return new PublishResult.Published(r.branch(), r.commit(), r.remote());
        }
        if ("unauthorized".equals(r.error()) || r.error() == null || r.error().equals("bad_request")
                || r.error().equals("too_large") || r.error().equals("internal")) {
            throw failure(r);
        }
        return new PublishResult.PublishFailed(r.error(), r.message() == null ? r.error() : r.message());
    }

    /** Sends {@code {"op": op, "token": ...}} and returns the answer as it came. */
    public ControlResponse request(String op, Duration timeout) {
        if (token == null || token.isBlank()) {
            throw new CliException(Main.EXIT_AUTH, UNAUTHORIZED);
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("op", op);
        body.put("token", token);
        byte[] line;
        try {
            line = (Json.mapper().writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String answer = exchange(line, timeout);
        try {
            ControlResponse r = Json.mapper().readValue(answer, ControlResponse.class);
            if (r == null) {
                throw new CliException(Main.EXIT_ERROR, "the session's control socket sent an empty answer");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new CliException(Main.EXIT_ERROR, "the session's control socket answered something that is not JSON");
        }
    }

    private static CliException failure(ControlResponse r) {
        if ("unauthorized".equals(r.error())) {
            return new CliException(Main.EXIT_AUTH, UNAUTHORIZED);
        }
        return new CliException(Main.EXIT_ERROR, "the session's control socket refused the request: "
                + (r.message() != null ? r.message() : String.valueOf(r.error())));
    }

    /** One line out, one line back, within the timeouts; every failure to talk is "does not answer". */
    private String exchange(byte[] request, Duration timeout) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            long connectDeadline = System.nanoTime() + connectTimeout.toNanos();
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
                while (!channel.finishConnect()) {
                    await(selector, connectDeadline, "connecting");
                }
                key.cancel();
                selector.selectNow();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            ByteBuffer out = ByteBuffer.wrap(request);
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(selector, deadline, "sending");
                }
            }
            key.interestOps(SelectionKey.OP_READ);
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    await(selector, deadline, "waiting for the answer");
                    continue;
                }
                in.write(buffer.array(), 0, n);
                if (in.size() > MAX_RESPONSE_BYTES) {
                    throw new CliException(Main.EXIT_ERROR, "the session's control socket sent an answer too long to be one");
                }
                if (buffer.array()[n - 1] == '\n') {
                    break;
                }
            }
            String answer = in.toString(StandardCharsets.UTF_8).strip();
            if (answer.isEmpty()) {
                throw new CliException(Main.EXIT_UNREACHABLE, NOT_ANSWERING + " (it closed the connection without an answer)");
            }
            return answer;
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException(Main.EXIT_UNREACHABLE, NOT_ANSWERING + " (" + socket + ": " + reason(e) + ")", e);
        }
    }

    private static void await(Selector selector, long deadline, String doing) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new CliException(Main.EXIT_UNREACHABLE, NOT_ANSWERING + " (timed out " + doing + ")");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
