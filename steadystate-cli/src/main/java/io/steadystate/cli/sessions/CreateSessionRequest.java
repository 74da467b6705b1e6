package io.steadystate.cli.sessions;

import java.util.List;

/**
 * The body of {@code POST /sessions}. Null fields are left out of the JSON.
 *
 * @param repoUrl      a repository URL, or an absolute local path
 * @param branch       the branch to start from; null for the repository's default
 * @param mode         {@code collab} or {@code pair}
 * @param allowedUsers who may join besides the creator; null for nobody
 * @param viewers      who may watch a pair session without typing; null for nobody
 * @param provider     the compute provider; null for the server's default
 */
public record CreateSessionRequest(String repoUrl, String branch, String mode, List<String> allowedUsers,
        List<String> viewers, String provider) {
}
