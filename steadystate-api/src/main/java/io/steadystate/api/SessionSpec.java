package io.steadystate.api;

import java.util.List;
import java.util.Objects;

/**
 * What a host asks for when starting a session.
 *
 * @param repoUrl      the repository to clone
 * @param branch       the branch to start from, or null for the repository's default branch
 * @param mode         collab or pair
 * @param allowedUsers logins of everyone besides the creator who may join (the complete list)
 * @param viewers      logins who may watch without writing
 * @param provider     the compute provider's name, or null for the server's default
 */
public record SessionSpec(String repoUrl, String branch, SessionMode mode, List<String> allowedUsers,
        List<String> viewers, String provider) {

    public SessionSpec {
        repoUrl = Names.require(repoUrl, "repo_url", 2048);
        if (branch != null) {
            branch = Names.require(branch, "branch", 255);
        }
        Objects.requireNonNull(mode, "mode");
        allowedUsers = List.copyOf(allowedUsers == null ? List.of() : allowedUsers);
        viewers = List.copyOf(viewers == null ? List.of() : viewers);
        for (String login : allowedUsers) {
            Names.require(login, "allowed user", 100);
        }
        for (String login : viewers) {
            Names.require(login, "viewer", 100);
        }
        if (provider != null) {
            provider = Names.require(provider, "provider", 40);
        }
    }
}
