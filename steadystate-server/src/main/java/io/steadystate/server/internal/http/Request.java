package io.steadystate.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One request, as handlers see it: path parameters, query, a size-capped body, the caller's address. */
public final class Request {

    /** A refused body is read and dropped up to this size, so that the client still gets the 413. */
    private static final long DRAIN_LIMIT = 4L << 20;

    private final HttpExchange exchange;
    private final Map<String, String> pathParams;
    private final int maxBodyBytes;
    private byte[] body;

    Request(HttpExchange exchange, Map<String, String> pathParams, int maxBodyBytes) {
        this.exchange = exchange;
        this.pathParams = Map.copyOf(pathParams);
        this.maxBodyBytes = maxBodyBytes;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return exchange.getRequestURI().getRawPath();
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /** The client's IP address (the direct peer; no proxy headers are trusted). */
    public String remoteAddress() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    public Optional<String> query(String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return Optional.ofNullable(values.get(name));
    }

    /** The bearer token of the {@code Authorization} header, if there is one. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }

    /** The body, at most the configured size; a larger one is refused with 413 before it is read whole. */
    public byte[] body() throws IOException {
        if (body == null) {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest("malformed_request", "Content-Length is not a number");
                }
                if (length > maxBodyBytes) {
                    throw tooLarge();
                }
            }
            try (InputStream in = exchange.getRequestBody()) {
                byte[] read = in.readNBytes(maxBodyBytes + 1);
                if (read.length > maxBodyBytes) {
                    throw tooLarge();
                }
                body = read;
            }
        }
        return body;
    }

    /**
     * The body parsed as {@code type}: it must be declared {@code application/json} (415 otherwise)
     * and be well-formed (400 otherwise). An empty body reads as an empty JSON object.
     */
    public <T> T json(Class<T> type) throws IOException {
        byte[] bytes = body();
        if (bytes.length == 0) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        } else {
            String contentType = header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!contentType.startsWith("application/json")) {
                throw new ApiException(415, "unsupported_media_type", "send the body as application/json");
            }
        }
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "the body is not the JSON this route expects");
        }
    }

    /**
     * The 413 error, after reading and dropping what the client is still sending (up to a limit):
     * closing a connection with unread data resets it, and the client would never see the answer.
     */
    private ApiException tooLarge() {
        try (InputStream in = exchange.getRequestBody()) {
            long total = 0;
            byte[] sink = new byte[8192];
            for (int n; total < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // The client went away; there is no one to answer.
        }
        return new ApiException(413, "body_too_large", "request bodies are limited to " + maxBodyBytes + " bytes");
    }
}
