package io.steadystate.compute.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadystate.api.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the control socket answers. A request is {@code {"op": ..., "token": ...}}; the token, which the
 * SSH server gave the connection the command runs under, says who asks:
 * <ul>
 *   <li>{@code whoami}: {@code {"ok":true,"login","worktree","session_id","branch","role"}} (role
 *       {@code writer} or {@code viewer});</li>
 *   <li>{@code sync-service}: starts the asking member's sync service if needed: {@code {"ok":true,"socket"}}
 *       (not for viewers);</li>
 *   <li>{@code publish}: pushes the session branch to the repository the session was cloned from
 *       ({@link Publisher}): {@code {"ok":true,"branch","commit","remote"}}.</li>
 * </ul>
 * Failures are {@code {"ok":false,"error":code,"message":text}} with the codes {@code unauthorized},
 * {@code bad_request}, {@code too_large}, {@code internal} and those of {@link Publisher.Outcome.Failed}.
 */
final class ControlRequests implements ControlSocket.Handler {

    /** Strict: one JSON value per request, nothing after it. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ConnectionTokens tokens;
    private final SessionId id;
    private final Path sessionDir;
    private final String branch;
    private final Publisher publisher;
    /** Logins that may watch but not change anything: they cannot publish. */
    private final Set<String> viewers;
    private final SyncServiceStarter syncService;

    /** Starts the session's sync service when it is not running; returns its socket. */
    @FunctionalInterface
    interface SyncServiceStarter {
        Path ensureRunning(String login) throws IOException;
    }

    ControlRequests(ConnectionTokens tokens, SessionId id, Path sessionDir, String branch, Publisher publisher,
            Set<String> viewers) {
        this(tokens, id, sessionDir, branch, publisher, viewers, login -> {
            throw new IOException("this session runs no sync service");
        });
    }

    ControlRequests(ConnectionTokens tokens, SessionId id, Path sessionDir, String branch, Publisher publisher,
            Set<String> viewers, SyncServiceStarter syncService) {
        this.syncService = Objects.requireNonNull(syncService, "syncService");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.id = Objects.requireNonNull(id, "id");
        this.sessionDir = Objects.requireNonNull(sessionDir, "sessionDir");
        this.branch = Objects.requireNonNull(branch, "branch");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.viewers = Set.copyOf(viewers);
    }

    @Override
    public String handle(String request) {
        JsonNode json;
        try {
            json = MAPPER.readTree(request);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return ControlSocket.error("bad_request", "a request is one JSON object on one line, such as"
                    + " {\"op\":\"whoami\",\"token\":\"...\"}");
        }
        JsonNode token = json.get("token");
        Optional<String> login = token != null && token.isTextual() ? tokens.login(token.asText()) : Optional.empty();
        if (login.isEmpty()) {
            return ControlSocket.error("unauthorized", "the request carries no token of a connection that is open now;"
                    + " run the command in a shell opened with 'steadystate join', where STEADYSTATE_TOKEN is set");
        }
        JsonNode op = json.get("op");
        String name = op != null && op.isTextual() ? op.asText() : "";
        return switch (name) {
            case "whoami" -> whoami(login.get());
            case "publish" -> publish(login.get());
            case "sync-service" -> syncService(login.get());
            default -> ControlSocket.error("bad_request", "unknown op '" + shorten(name)
                    + "'; known: whoami, publish, sync-service");
        };
    }

    private String whoami(String login) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("login", login);
        m.put("worktree", new SessionLayout(sessionDir).worktree(login).toString());
        m.put("session_id", id.value());
        m.put("branch", branch);
        m.put("role", viewers.contains(login) ? "viewer" : "writer");
        return Json.object(m);
    }

    /**
     * Starts the warm process that runs syncs for the asking member (it asks whoami for each client) and
     * names its socket. Viewers change nothing, so they get none.
     */
    private String syncService(String login) {
        if (viewers.contains(login)) {
            return ControlSocket.error("rejected", login + " is a viewer of this session: viewers cannot sync,"
                    + " resolve or publish; ask its creator to invite you as a writer");
        }
        try {
            Path socket = syncService.ensureRunning(login);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.put("socket", socket.toString());
            return Json.object(m);
        } catch (IOException | RuntimeException e) {
            return ControlSocket.error("internal", "could not start the sync service: " + e.getMessage());
        }
    }

    private String publish(String login) {
        if (viewers.contains(login)) {
            return ControlSocket.error("rejected", login + " is a viewer of this session and cannot publish it;"
                    + " ask its creator or an invited user");
        }
        return switch (publisher.publish(login)) {
            case Publisher.Outcome.Published p -> {
                recordPublished(p.commit());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ok", true);
                m.put("branch", p.branch());
                m.put("commit", p.commit());
                m.put("remote", p.remote());
                yield Json.object(m);
            }
            case Publisher.Outcome.Failed f -> ControlSocket.error(f.error(), f.message());
        };
    }

    /** What {@code down} compares the session branch with, in the server's own folder of the session. */
    private void recordPublished(String commit) {
        try {
            Path published = new SessionLayout(sessionDir).published();
            if (Files.isDirectory(published.getParent(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Fs.write(published, commit + "\n", "rw-------");
            }
        } catch (IOException e) {
            // only the unsaved-work check before down depends on it: it then counts the commits as unpublished
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
