package io.steadystate.compute.local.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The system git configuration a member's sandbox reads: the host's own, plus the member's identity. */
final class GitIdentity {

    private static final Path HOST_CONFIG = Path.of("/etc/gitconfig");

    private GitIdentity() {
    }

    /** The host's {@code /etc/gitconfig} (if any) followed by a {@code [user]} section for {@code login}. */
    static String config(String login) throws IOException {
        if (!GitHubKeys.validLogin(login)) {
            throw new IllegalArgumentException("not a valid login");
        }
        String host = Files.isRegularFile(HOST_CONFIG) ? Files.readString(HOST_CONFIG, StandardCharsets.UTF_8) : "";
        if (!host.isEmpty() && !host.endsWith("\n")) {
            host += "\n";
        }
        return host + "# SteadyState: who commits in this worktree (sync authors as the login the SSH key proved)\n"
                + "[user]\n\tname = " + login + "\n\temail = " + login + "@users.noreply.github.com\n";
    }
}
