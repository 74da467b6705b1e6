package io.steadystate.auth.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadystate.api.spi.AuthProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * JSON over HTTP for the providers. Every failure becomes an {@link AuthProviderException} that
 * names the service and the endpoint but never a request body, header or answer body, since those
 * may hold secrets.
 */
final class HttpJson {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final HttpClient client;

    HttpJson(String service) {
        this.service = service;
        // No redirects: an Authorization header must not follow one to another host.
        this.client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The service's name as people know it ({@code GitHub}). */
    String service() {
        return service;
    }

    /** An answer: its status and its body as a JSON object. */
    record Response(int status, JsonNode json) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Response postForm(URI uri, Map<String, String> form, Map<String, String> headers) throws AuthProviderException {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(encode(k) + "=" + encode(v)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded");
        return send(request, headers, "POST", uri);
    }

    Response get(URI uri, Map<String, String> headers) throws AuthProviderException {
        return send(HttpRequest.newBuilder(uri).GET(), headers, "GET", uri);
    }

    private Response send(HttpRequest.Builder request, Map<String, String> headers, String method, URI uri)
            throws AuthProviderException {
        request.timeout(TIMEOUT).header("Accept", "application/json").header("User-Agent", "steadystate");
        headers.forEach(request::setHeader);
        String where = method + " " + describe(uri);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new AuthProviderException(service + " did not answer " + where + " within " + TIMEOUT.toSeconds()
                    + " s", e);
        } catch (ConnectException e) {
            throw new AuthProviderException("cannot connect to " + service + " for " + where, e);
        } catch (IOException e) {
            throw new AuthProviderException("cannot reach " + service + " for " + where + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthProviderException("interrupted while waiting for " + service, e);
        }
        int status = response.statusCode();
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new AuthProviderException("cannot read " + service + "'s answer to " + where, e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new AuthProviderException(service + "'s answer to " + where + " is larger than "
                    + MAX_BODY_BYTES + " bytes");
        }
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new AuthProviderException(status >= 200 && status < 300
                    ? service + " answered " + where + " with something that is not a JSON object"
                    : service + " answered " + where + " with HTTP " + status);
        }
        return new Response(status, json);
    }

    /** Host and path only: enough to find the endpoint, and free of anything secret. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
