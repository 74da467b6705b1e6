package io.steadystate.server.internal.http;

import java.util.Map;

/**
 * What a handler answers: a status, a body serialised as JSON (or null for none), extra headers.
 */
public record Response(int status, Object body, Map<String, String> headers) {

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response ok(Object body) {
        return new Response(200, body, Map.of());
    }

    public static Response accepted(Object body) {
        return new Response(202, body, Map.of());
    }
}
