package io.steadystate.cli.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.steadystate.cli.auth.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The control socket client against a tiny Unix-domain socket server in the test. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ControlClientTest {

    static final String TOKEN = "dG9rZW4tb2YtYS1jb25uZWN0aW9uLXRoYXQtaXMtb3Blbg";

    @TempDir
    Path tmp;

    TinyServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Answers each request line with {@code answer.apply(line)}; null answers nothing and keeps the connection. */
    static final class TinyServer implements AutoCloseable {
        final ServerSocketChannel channel;
        final List<String> requests = new CopyOnWriteArrayList<>();

        TinyServer(Path path, UnaryOperator<String> answer) throws IOException {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            channel.bind(UnixDomainSocketAddress.of(path));
            Thread.ofPlatform().daemon(true).start(() -> {
                while (true) {
                    try {
                        SocketChannel c = channel.accept();
                        Thread.ofPlatform().daemon(true).start(() -> serve(c, answer));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(SocketChannel c, UnaryOperator<String> answer) {
            try {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                ByteBuffer one = ByteBuffer.allocate(1);
                while (c.read(one) > 0 && one.get(0) != '\n') {
                    line.write(one.get(0));
                    one.clear();
                }
                String request = line.toString(StandardCharsets.UTF_8);
                requests.add(request);
                String response = answer.apply(request);
                if (response == null) {
                    Thread.sleep(20_000);
                } else {
                    c.write(ByteBuffer.wrap((response + "\n").getBytes(StandardCharsets.UTF_8)));
                }
                c.close();
            } catch (IOException | InterruptedException e) {
                // test over
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    Path socket() {
        return tmp.resolve("control.sock");
    }

    ControlClient client(Duration timeout) {
        return new ControlClient(socket(), TOKEN, Duration.ofSeconds(2), timeout, timeout);
    }

    @Test
    void whoamiSendsTheTokenAndReadsTheAnswer() throws Exception {
        server = new TinyServer(socket(), r -> "{\"ok\":true,\"login\":\"alice\",\"worktree\":\"/s/users/alice/work\","
                + "\"session_id\":\"abcdefgh12345678\",\"branch\":\"steadystate/collab/abcdefgh12345678\",\"extra\":1}");
        Whoami me = client(Duration.ofSeconds(5)).whoami();
        assertThat(me).isEqualTo(new Whoami("alice", Path.of("/s/users/alice/work"), "abcdefgh12345678",
                "steadystate/collab/abcdefgh12345678"));
        assertThat(server.requests).containsExactly("{\"op\":\"whoami\",\"token\":\"" + TOKEN + "\"}");
    }

    @Test
    void publishGivesTheOutcomeOrTheServersReason() throws Exception {
        server = new TinyServer(socket(), r -> server.requests.size() == 1
                ? "{\"ok\":true,\"branch\":\"steadystate/collab/x1234567\",\"commit\":\"0123abcd\",\"remote\":\"https://github.com/acme/app.git\"}"
                : "{\"ok\":false,\"error\":\"non_fast_forward\",\"message\":\"someone pushed there; nothing was changed\"}");
        ControlClient client = client(Duration.ofSeconds(5));
        assertThat(client.publish()).isEqualTo(new PublishResult.Published("steadystate/collab/x1234567", "0123abcd",
                "https://github.com/acme/app.git"));
        assertThat(client.publish()).isEqualTo(new PublishResult.PublishFailed("non_fast_forward",
                "someone pushed there; nothing was changed"));
        assertThat(server.requests).allSatisfy(r -> assertThat(r).startsWith("{\"op\":\"publish\","));
    }

    @Test
    void anUnknownTokenIsExitOneWithWhatToDo() throws Exception {
        server = new TinyServer(socket(), r -> "{\"ok\":false,\"error\":\"unauthorized\",\"message\":\"no such token\"}");
        for (Runnable call : List.<Runnable>of(() -> client(Duration.ofSeconds(5)).whoami(),
                () -> client(Duration.ofSeconds(5)).publish())) {
            CliException e = catchThrowableOfType(CliException.class, call::run);
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).isEqualTo("this shell was not started by the session's SSH server; log in with steadystate join");
        }
        // Without a token nothing is even sent.
        CliException none = catchThrowableOfType(CliException.class,
                () -> ControlClient.fromEnvironment(Map.of(ControlClient.SOCKET_VARIABLE, socket().toString()), tmp));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void aDeadSocketIsExitTwo() throws Exception {
        // No file at all.
        CliException missing = catchThrowableOfType(CliException.class, () -> client(Duration.ofSeconds(5)).whoami());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.getMessage()).startsWith("the session's control socket does not answer; is the session still running?");
        // A socket file nobody listens on any more.
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(socket()));
        gone.close();
        assertThat(socket()).exists();
        CliException refused = catchThrowableOfType(CliException.class, () -> client(Duration.ofSeconds(5)).publish());
        assertThat(refused.exitCode()).isEqualTo(2);
        // A server that hangs up without a word.
        Files.delete(socket());
        server = new TinyServer(socket(), r -> "");
        assertThat(catchThrowableOfType(CliException.class, () -> client(Duration.ofSeconds(5)).whoami()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutWithExitTwo() throws Exception {
        server = new TinyServer(socket(), r -> null);
        long t0 = System.nanoTime();
        CliException e = catchThrowableOfType(CliException.class, () -> client(Duration.ofMillis(400)).whoami());
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).contains("does not answer").contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void nonsenseAnswersAreErrors() throws Exception {
        server = new TinyServer(socket(), r -> r.contains("whoami") ? "not json" : "{\"ok\":false,\"error\":\"bad_request\",\"message\":\"unknown op\"}");
        assertThat(catchThrowableOfType(CliException.class, () -> client(Duration.ofSeconds(5)).whoami()).exitCode())
                .isEqualTo(255);
        CliException e = catchThrowableOfType(CliException.class, () -> client(Duration.ofSeconds(5)).publish());
        assertThat(e.exitCode()).isEqualTo(255);
        assertThat(e.getMessage()).contains("unknown op");
    }

    @Test
    void theSocketComesFromTheEnvironmentOrTheWorktreesSessionFolder() throws Exception {
        Map<String, String> env = Map.of(ControlClient.TOKEN_VARIABLE, TOKEN, ControlClient.SOCKET_VARIABLE, "/run/x/control.sock");
        assertThat(ControlClient.fromEnvironment(env, tmp).socket()).isEqualTo(Path.of("/run/x/control.sock"));

        // A session folder as the local provider lays it out: canonical/ and users/<login>/work.
        Path session = tmp.resolve("sessions/abcdefgh12345678");
        Path canonical = Files.createDirectories(session.resolve("canonical/objects"));
        Path gitDir = Files.createDirectories(session.resolve("canonical/worktrees/work"));
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Path work = Files.createDirectories(session.resolve("users/alice/work/src/deep"));
        Path root = session.resolve("users/alice/work");
        Files.writeString(root.resolve(".git"), "gitdir: " + gitDir + "\n");
        Files.createDirectories(root.resolve(".steadystate"));
        Files.writeString(root.resolve(".steadystate/steadystate.json"), "{\"session_id\":\"abcdefgh12345678\"}\n");
        assertThat(canonical).exists();

        ControlClient found = ControlClient.fromEnvironment(Map.of(ControlClient.TOKEN_VARIABLE, TOKEN), work);
        assertThat(found.socket()).isEqualTo(session.resolve("run/control.sock"));

        CliException outside = catchThrowableOfType(CliException.class,
                () -> ControlClient.fromEnvironment(Map.of(ControlClient.TOKEN_VARIABLE, TOKEN), tmp));
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.getMessage()).contains("not inside a SteadyState worktree");
    }
}
