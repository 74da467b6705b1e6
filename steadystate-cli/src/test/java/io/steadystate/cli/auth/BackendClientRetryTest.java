package io.steadystate.cli.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.wire.HealthResponse;
import io.steadystate.cli.auth.BackendClient.Retry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and backoff of {@link BackendClient} against a loopback socket that answers canned HTTP status
 * lines, or against a closed port. It is not a SteadyState server and these tests say nothing about the
 * API: they only exercise what happens on 503, on 4xx and on a refused connection. The sleeper records the
 * delays instead of sleeping.
 */
class BackendClientRetryTest {

    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    private CannedHttp canned;

    @AfterEach
    void stop() throws IOException {
        if (canned != null) {
            canned.close();
        }
    }

    private BackendClient client(URI base) {
        return new BackendClient(base, BackendClient.defaultHttpClient(), Backoff.DEFAULT, slept::add,
                Clock.systemUTC(), () -> 1.0, null, null);
    }

    @Test
    void retriesOn503UntilTheServerAnswers() throws IOException {
        canned = new CannedHttp(List.of(
                "503 Service Unavailable", "{\"error\":\"unavailable\",\"message\":\"starting\"}",
                "503 Service Unavailable", "",
                "200 OK", "{\"status\":\"ok\",\"version\":\"1\"}"));
        HealthResponse h = client(canned.uri()).send("GET", "/health", null, null, HealthResponse.class, Retry.TRANSIENT);
        assertThat(h.status()).isEqualTo("ok");
        assertThat(canned.requests).hasSize(3);
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void gives503UpAfterFiveAttemptsAsUnreachable() throws IOException {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add("503 Service Unavailable");
            answers.add("{\"error\":\"unavailable\",\"message\":\"down for maintenance\"}");
        }
        canned = new CannedHttp(answers);
        assertThatThrownBy(() -> client(canned.uri()).send("GET", "/health", null, null, HealthResponse.class,
                Retry.TRANSIENT))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("unavailable");
                    assertThat(e.exitCode()).isEqualTo(2);
                })
                .hasMessage("down for maintenance");
        assertThat(canned.requests).hasSize(5);
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(1600));
    }

    @Test
    void neverRetriesA4xx() throws IOException {
        canned = new CannedHttp(List.of("400 Bad Request", "{\"error\":\"expired_token\",\"message\":\"the code expired\"}",
                "200 OK", "{}"));
        assertThatThrownBy(() -> client(canned.uri()).post("/auth/poll", java.util.Map.of("device_code", "d"),
                HealthResponse.class, Retry.TRANSIENT))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("expired_token");
                    assertThat(e.exitCode()).isEqualTo(255);
                });
        assertThat(canned.requests).hasSize(1);
        assertThat(canned.requests.peek()).startsWith("POST /auth/poll ");
        assertThat(slept).isEmpty();
    }

    @Test
    void connectionRefusedIsRetriedThenUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> client(closed).send("GET", "/health", null, null, HealthResponse.class,
                Retry.NOT_PROCESSED))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("cannot reach the SteadyState server at " + closed);
        assertThat(slept).hasSize(4);
    }

    /** Answers each connection with the next canned status line and body, then closes it. */
    static final class CannedHttp implements AutoCloseable {
        final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
        private final ServerSocket server;
        private final Thread thread;

        CannedHttp(List<String> statusAndBody) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i + 1 < statusAndBody.size(); i += 2) {
                    try (Socket s = server.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
                        requests.add(in.readLine());
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).strip());
                            }
                        }
                        in.skip(length);
                        byte[] body = statusAndBody.get(i + 1).getBytes(UTF_8);
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 " + statusAndBody.get(i) + "\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
                        out.write(body);
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
