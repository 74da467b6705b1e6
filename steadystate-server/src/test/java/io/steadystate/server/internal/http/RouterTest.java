package io.steadystate.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTest {

    record Echo(String name) {
    }

    private HttpServer server;
    private URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        Router router = new Router(64, new RateLimiter(0.001, 3, Clock.systemUTC()))
                .route("GET", "/things/{id}", r -> Response.ok(Map.of("id", r.pathParam("id"))))
                .route("POST", "/echo", r -> Response.ok(r.json(Echo.class)))
                .limitedRoute("POST", "/limited", r -> Response.ok(Map.of("ok", true)))
                .route("GET", "/boom", r -> {
                    throw new IllegalStateException("secret internals");
                });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", router);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pathParametersReachTheHandler() throws Exception {
        HttpResponse<String> r = send("GET", "/things/abc", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":\"abc\"}");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> missing = send("GET", "/nothing", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not_found\"");
        HttpResponse<String> wrong = send("DELETE", "/echo", null, null);
        assertThat(wrong.statusCode()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void jsonBodiesAreCheckedForTypeShapeAndSize() throws Exception {
        assertThat(send("POST", "/echo", "application/json", "{\"name\":\"x\"}").body()).isEqualTo("{\"name\":\"x\"}");
        assertThat(send("POST", "/echo", "text/plain", "{\"name\":\"x\"}").statusCode()).isEqualTo(415);
        HttpResponse<String> malformed = send("POST", "/echo", "application/json", "{\"name\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed_json");
        HttpResponse<String> big = send("POST", "/echo", "application/json", "{\"name\":\"" + "x".repeat(100) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("body_too_large");
    }

    @Test
    void failuresAre500WithoutInternals() throws Exception {
        HttpResponse<String> r = send("GET", "/boom", null, null);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"error\":\"internal\"").contains("incident").doesNotContain("secret internals");
    }

    @Test
    void limitedRoutesAnswer429WithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/limited", null, null).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = send("POST", "/limited", null, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        // Other routes are not limited.
        assertThat(send("GET", "/things/1", null, null).statusCode()).isEqualTo(200);
    }
}
