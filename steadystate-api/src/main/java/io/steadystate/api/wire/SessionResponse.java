package io.steadystate.api.wire;

import io.steadystate.api.SessionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A session on the wire, as {@code POST /sessions}, {@code GET /sessions[/{id}]} and
 * {@code DELETE /sessions/{id}} return it: {@link SessionInfo} with the state and mode by their wire
 * names and the times as ISO-8601 instants ({@code 2026-01-31T12:00:00.123Z}). Fields that are not
 * known yet ({@code endpoint}, {@code magic_link}, {@code host_public_key} before the session runs,
 * {@code message}, {@code branch}) are null.
 */
public record SessionResponse(String id, String state, String mode, String repoUrl, String branch, String creator,
        List<String> allowedUsers, List<String> viewers, String computeProvider, String endpoint, String magicLink,
        String hostPublicKey, String message, String createdAt, String updatedAt) {

    public SessionResponse {
        allowedUsers = List.copyOf(allowedUsers == null ? List.of() : allowedUsers);
        viewers = List.copyOf(viewers == null ? List.of() : viewers);
    }

    /** The wire form of {@code info}. */
    public static SessionResponse from(SessionInfo info) {
        Objects.requireNonNull(info, "info");
        return new SessionResponse(info.id().value(), info.state().wireName(), info.mode().wireName(), info.repoUrl(),
                info.branch(), info.creator(), info.allowedUsers(), info.viewers(), info.computeProvider(),
                info.endpoint(), info.magicLink(), info.hostPublicKey(), info.message(), text(info.createdAt()),
                text(info.updatedAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
