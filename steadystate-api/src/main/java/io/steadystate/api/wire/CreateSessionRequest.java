package io.steadystate.api.wire;

import java.util.List;

/**
 * {@code POST /sessions}: the repository, the mode ({@code collab} or {@code pair}) and who may join.
 * Optional fields are null when absent; the server validates every field and answers 400 with a
 * message that names the field.
 *
 * @param repoUrl      an {@code https://}, {@code ssh://} or {@code git@host:path} URL, or a local path
 *                     or {@code file://} URL under one of the server's allowed repository roots
 * @param branch       the branch to start from, or null for the repository's default branch
 * @param mode         {@code collab} or {@code pair}; required
 * @param allowedUsers logins besides the creator who may join, or null for none
 * @param viewers      logins who may watch a pair session without typing, or null for none
 * @param provider     the compute provider's name, or null for the server's default
 */
public record CreateSessionRequest(String repoUrl, String branch, String mode, List<String> allowedUsers,
        List<String> viewers, String provider) {
}
