package io.steadystate.compute.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** GitHub's {@code /<login>.keys} on loopback: 200 with the keys given, 404 for unknown logins. */
final class FakeGitHubKeys implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    FakeGitHubKeys() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.endsWith(".keys") ? keys.get(path.substring(1, path.length() - ".keys".length())) : null;
            byte[] bytes = (body == null ? "Not Found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    void put(String login, String authorizedKeys) {
        keys.put(login, authorizedKeys);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
