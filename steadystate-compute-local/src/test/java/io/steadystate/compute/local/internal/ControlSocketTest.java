package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.SessionId;
import io.steadystate.api.spi.ForgeCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The control socket with the real request handler, on a session folder of its own. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlSocketTest {

    @TempDir
    Path tmp;

    SessionId id = new SessionId("abcdefgh12345678");
    Path sessionDir;
    ConnectionTokens tokens;
    ControlSocket socket;

    @BeforeEach
    void open() throws IOException {
        sessionDir = Files.createDirectories(tmp.resolve("s"));
        Files.writeString(sessionDir.resolve("sync-log"), "");
        tokens = new ConnectionTokens();
        ActivityLog activity = new ActivityLog(sessionDir.resolve("activity-log"));
        // No origin: whoami does not need one, and a publish says so.
        Publisher publisher = new Publisher(id, sessionDir.resolve("canonical"), "steadystate/collab/" + id, null, "",
                ForgeCredentials.none(), null, tmp.resolve("scratch"), sessionDir.resolve("sync-log"), activity);
        socket = ControlSocket.open(sessionDir.resolve(ControlSocket.FILE_NAME),
                new ControlRequests(tokens, id, sessionDir, "steadystate/collab/" + id, publisher, Set.of("carol")),
                Duration.ofMillis(500));
    }

    @AfterEach
    void close() {
        socket.close();
    }

    @Test
    void whoamiWithAValidTokenNamesTheUserAndTheirWorktree() throws Exception {
        String token = tokens.mint("alice");
        String response = request("{\"op\":\"whoami\",\"token\":\"" + token + "\"}\n");
        assertThat(response).isEqualTo("{\"ok\":true,\"login\":\"alice\",\"worktree\":\""
                + sessionDir.resolve("users/alice/work") + "\",\"session_id\":\"" + id + "\",\"branch\":\"steadystate/collab/"
                + id + "\",\"role\":\"writer\"}\n");
        // A request without its newline, ended by closing the output, is read too.
        assertThat(request("{\"token\":\"" + token + "\",\"op\":\"whoami\"}")).contains("\"login\":\"alice\"");
    }

    @Test
    void aWrongOrMissingTokenIsUnauthorized() throws Exception {
        tokens.mint("alice");
        for (String req : List.of("{\"op\":\"whoami\",\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
                "{\"op\":\"whoami\"}", "{\"op\":\"whoami\",\"token\":null}", "{\"op\":\"whoami\",\"token\":42}",
                "{\"op\":\"publish\",\"token\":\"\"}")) {
            String response = request(req + "\n");
            assertThat(response).as(req).startsWith("{\"ok\":false,\"error\":\"unauthorized\",\"message\":\"");
        }
        String revoked = tokens.mint("bob");
        tokens.revoke(revoked);
        assertThat(request("{\"op\":\"whoami\",\"token\":\"" + revoked + "\"}\n")).contains("\"error\":\"unauthorized\"");
        assertThat(Files.readString(sessionDir.resolve("sync-log"))).isEmpty();
    }

    @Test
    void malformedJsonAndUnknownOpsAreBadRequests() throws Exception {
        String token = tokens.mint("alice");
        for (String req : List.of("not json", "", "[1,2]", "\"whoami\"", "{\"op\":\"whoami\"", "{} {}x")) {
            assertThat(request(req + "\n")).as(req).startsWith("{\"ok\":false,\"error\":\"bad_request\"");
        }
        assertThat(request("{\"op\":\"rm -rf\",\"token\":\"" + token + "\"}\n"))
                .startsWith("{\"ok\":false,\"error\":\"bad_request\"").contains("unknown op 'rm -rf'");
    }

    @Test
    void anOversizeRequestIsRefused() throws Exception {
        String token = tokens.mint("alice");
        String padding = "x".repeat(ControlSocket.MAX_REQUEST_BYTES);
        String response = request("{\"op\":\"whoami\",\"token\":\"" + token + "\",\"pad\":\"" + padding + "\"}\n");
        assertThat(response).startsWith("{\"ok\":false,\"error\":\"too_large\"").contains("65536 bytes");
        // Just below the limit is fine.
        String fits = "{\"op\":\"whoami\",\"token\":\"" + token + "\",\"pad\":\"\"}";
        String pad = "y".repeat(ControlSocket.MAX_REQUEST_BYTES - fits.length());
        assertThat(request("{\"op\":\"whoami\",\"token\":\"" + token + "\",\"pad\":\"" + pad + "\"}\n"))
                .contains("\"ok\":true");
    }

    @Test
    void aClientThatSendsNothingIsDisconnectedAfterTheReadTimeout() throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket.path()));
            c.write(ByteBuffer.wrap("{\"op\":".getBytes(StandardCharsets.UTF_8)));
            long t0 = System.nanoTime();
            String rest = CompletableFuture.supplyAsync(() -> readAll(c)).get(10, TimeUnit.SECONDS);
            assertThat(rest).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
        // And the socket still serves others.
        assertThat(request("{\"op\":\"whoami\",\"token\":\"" + tokens.mint("bob") + "\"}\n")).contains("\"login\":\"bob\"");
    }

    @Test
    void concurrentClientsEachGetTheirOwnAnswer() throws Exception {
        List<String> logins = new ArrayList<>();
        List<String> minted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            logins.add("user" + i);
            minted.add(tokens.mint("user" + i));
        }
        // One slow client holds a connection open meanwhile.
        try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            slow.connect(UnixDomainSocketAddress.of(socket.path()));
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (String t : minted) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return request("{\"op\":\"whoami\",\"token\":\"" + t + "\"}\n");
                    }));
                }
                go.countDown();
                for (int i = 0; i < answers.size(); i++) {
                    assertThat(answers.get(i).get(20, TimeUnit.SECONDS)).contains("\"login\":\"" + logins.get(i) + "\"");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theSocketIsOwnerOnlyAndRemovedOnClose() throws Exception {
        Path path = sessionDir.resolve(ControlSocket.FILE_NAME);
        assertThat(socket.path()).isEqualTo(path);
        assertThat(Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).isOther())
                .as("a socket").isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        socket.close();
        assertThat(path).doesNotExist();
        assertThatThrownBy(() -> request("{\"op\":\"whoami\"}\n")).isInstanceOf(IOException.class);
        socket.close();
    }

    @Test
    void publishWithoutAnOriginFailsAndIsLogged() throws Exception {
        String token = tokens.mint("alice");
        assertThat(request("{\"op\":\"publish\",\"token\":\"" + token + "\"}\n"))
                .startsWith("{\"ok\":false,\"error\":\"no_origin\"");
        assertThat(Files.readString(sessionDir.resolve("sync-log")))
                .contains("\"user\":\"alice\",\"event\":\"publish-failed\",\"reason\":\"");
    }

    @Test
    void aViewerCannotPublish() throws Exception {
        String token = tokens.mint("carol");
        assertThat(request("{\"op\":\"whoami\",\"token\":\"" + token + "\"}\n")).contains("\"login\":\"carol\"");
        assertThat(request("{\"op\":\"publish\",\"token\":\"" + token + "\"}\n"))
                .startsWith("{\"ok\":false,\"error\":\"rejected\"").contains("carol is a viewer");
        assertThat(Files.readString(sessionDir.resolve("sync-log"))).isEmpty();
    }

    @Test
    void aStaleSocketFileIsReplacedAndTooLongAPathIsRefused() throws Exception {
        socket.close();
        Path path = sessionDir.resolve(ControlSocket.FILE_NAME);
        Files.writeString(path, "stale");
        socket = ControlSocket.open(path, r -> "{\"ok\":true}", Duration.ofSeconds(1));
        assertThat(request("{}\n")).isEqualTo("{\"ok\":true}\n");
        Path deep = tmp.resolve("d".repeat(120)).resolve(ControlSocket.FILE_NAME);
        assertThat(ControlSocket.fits(deep)).isFalse();
        assertThatThrownBy(() -> ControlSocket.open(deep, r -> "", Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than 107 bytes");
    }

    @Test
    void membersWhoConnectAndSayNothingDoNotDelayOthers() throws Exception {
        socket.close();
        // A long read timeout: silent clients would hold a small pool of slots for all of it.
        Publisher publisher = new Publisher(id, sessionDir.resolve("canonical"), "steadystate/collab/" + id, null, "",
                ForgeCredentials.none(), null, tmp.resolve("scratch"), sessionDir.resolve("sync-log"),
                new ActivityLog(sessionDir.resolve("activity-log")));
        socket = ControlSocket.open(sessionDir.resolve(ControlSocket.FILE_NAME),
                new ControlRequests(tokens, id, sessionDir, "steadystate/collab/" + id, publisher, Set.of("carol")),
                Duration.ofSeconds(60));
        List<SocketChannel> silent = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(sessionDir.resolve(ControlSocket.FILE_NAME)));
                silent.add(c);
            }
            String token = tokens.mint("alice");
            assertThat(request("{\"op\":\"whoami\",\"token\":\"" + token + "\"}\n")).contains("\"login\":\"alice\"");
        } finally {
            for (SocketChannel c : silent) {
                c.close();
            }
        }
    }

    @Test
    void viewersGetNoSyncService() throws Exception {
        String token = tokens.mint("carol");
        assertThat(request("{\"op\":\"sync-service\",\"token\":\"" + token + "\"}\n"))
                .contains("\"ok\":false").contains("viewer");
        assertThat(request("{\"op\":\"whoami\",\"token\":\"" + token + "\"}\n")).contains("\"role\":\"viewer\"");
    }

    private String request(String line) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(sessionDir.resolve(ControlSocket.FILE_NAME)));
            ByteBuffer out = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                c.write(out);
            }
            c.shutdownOutput();
            return CompletableFuture.supplyAsync(() -> readAll(c)).get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String readAll(SocketChannel c) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try {
            while (c.read(buf) >= 0) {
                buf.flip();
                all.write(buf.array(), 0, buf.limit());
                buf.clear();
            }
        } catch (IOException e) {
            // closed by the server
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
