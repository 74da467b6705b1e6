package io.steadystate.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the server knows of a session, as {@code GET /sessions/{id}} returns it.
 *
 * @param endpoint      {@code user@host:port} of the session's SSH server, null until it runs
 * @param magicLink     the link collaborators join with, null until the session runs
 * @param hostPublicKey the SSH host key in {@code authorized_keys} form, null until the session runs
 * @param message       why the session failed, or another note for people; may be null
 */
public record SessionInfo(SessionId id, SessionState state, SessionMode mode, String repoUrl, String branch,
        String creator, List<String> allowedUsers, List<String> viewers, String computeProvider, String endpoint,
        String magicLink, String hostPublicKey, String message, Instant createdAt, Instant updatedAt) {

    public SessionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(creator, "creator");
        allowedUsers = List.copyOf(allowedUsers == null ? List.of() : allowedUsers);
        viewers = List.copyOf(viewers == null ? List.of() : viewers);
        Objects.requireNonNull(computeProvider, "computeProvider");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
