package io.steadystate.cli.session;

import java.nio.file.Path;

/**
 * Who runs this shell, as the session's SSH server knows it (the key that logged in).
 *
 * @param login     the user's GitHub login
 * @param worktree  the user's worktree in the session
 * @param sessionId the session's id
 * @param branch    the session branch in the canonical repository
 */
public record Whoami(String login, Path worktree, String sessionId, String branch) {
}
