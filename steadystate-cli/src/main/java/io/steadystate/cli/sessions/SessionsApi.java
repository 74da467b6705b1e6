package io.steadystate.cli.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.ApiException;
import io.steadystate.cli.auth.BackendClient;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The session routes of the REST API. Answers are kept as JSON trees, so that {@code --json} prints what the
 * server said, fields unknown to this CLI included; {@link #view} reads the fields the CLI uses.
 */
final class SessionsApi {

    static final String NOT_FOUND = "no session %s (or not yours to see)";
    static final String NOT_CREATOR = "only the creator can end a session";

    private final BackendClient client;

    SessionsApi(BackendClient client) {
        this.client = client;
    }

    /** {@code POST /sessions}: the new session, {@code Provisioning}. */
    JsonNode create(CreateSessionRequest request) {
        try {
            return object(client.requestWithAuth("POST", "/sessions", request, JsonNode.class), "POST /sessions");
        } catch (ApiException e) {
            throw refine(e, null);
        }
    }

    /** {@code GET /sessions/{id}}. */
    JsonNode get(String id) {
        try {
            return object(client.requestWithAuth("GET", "/sessions/" + id, null, JsonNode.class), "GET /sessions/" + id);
        } catch (ApiException e) {
            throw refine(e, id);
        }
    }

    /** {@code GET /sessions}: the sessions the caller may see, as the server listed them. */
    JsonNode list() {
        JsonNode all;
        try {
            all = client.requestWithAuth("GET", "/sessions", null, JsonNode.class);
        } catch (ApiException e) {
            throw refine(e, null);
        }
        if (all == null || !all.isArray()) {
            throw new CliException(Main.EXIT_ERROR, "the server's answer to GET /sessions is not a list");
        }
        return all;
    }

    /** {@code DELETE /sessions/{id}}: the session, {@code Terminating}; null when the server sent no body. */
    JsonNode delete(String id, boolean discard) {
        try {
            return client.requestWithAuth("DELETE", "/sessions/" + id + (discard ? "?discard=true" : ""), null, JsonNode.class);
        } catch (ApiException e) {
            throw refine(e, id);
        }
    }

    /**
     * Turns the server's refusals into the messages and exit codes of the session commands: 404 is "no such
     * session" and 403 "not the creator" (both exit 1), as is any other 4xx, such as a 400 for a repository the
     * server does not accept. Server errors keep the exit code {@link ApiException} gives them.
     *
     * @param id the session the request was about, or null
     */
    static CliException refine(ApiException e, String id) {
        int status = e.status();
        if (status == 404 && id != null) {
            return new CliException(Main.EXIT_AUTH, NOT_FOUND.formatted(id), e);
        }
        if (status == 403 && id != null) {
            return new CliException(Main.EXIT_AUTH, NOT_CREATOR, e);
        }
        if (status >= 400 && status < 500) {
            return new CliException(Main.EXIT_AUTH, Text.printable(e.getMessage()), e);
        }
        return e;
    }

    /** The fields of one session that the CLI reads. */
    static SessionView view(JsonNode node) {
        try {
            return Json.mapper().treeToValue(node, SessionView.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CliException(Main.EXIT_ERROR, "the server described a session in a form this CLI cannot read: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** The sessions of a {@link #list()} answer. */
    static List<SessionView> views(JsonNode array) {
        List<SessionView> views = new ArrayList<>();
        for (JsonNode node : array) {
            views.add(view(node));
        }
        return views;
    }

    private static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new CliException(Main.EXIT_ERROR, "the server's answer to " + what + " is not a session");
        }
        return node;
    }
}
