package io.steadystate.api;

import java.util.Objects;

/**
 * Who someone is, as an identity provider proved it.
 *
 * @param provider the provider's name ({@code github}, {@code gitlab}, {@code oidc}, {@code dev})
 * @param subject  the provider's stable id for the account (GitHub's numeric user id, OIDC's {@code sub})
 * @param login    the account's handle, used for SSH keys and display ({@code octocat})
 */
public record Identity(String provider, String subject, String login) {

    public Identity {
        provider = Names.require(provider, "provider", 40);
        subject = Names.require(subject, "subject", 255);
        login = Names.require(login, "login", 100);
    }

    /** The subject of a SteadyState token: provider and subject, so that providers never collide. */
    public String principal() {
        return provider + ":" + subject;
    }

    @Override
    public String toString() {
        return provider + "/" + login;
    }

    /** Parses {@link #principal()}; the login is not part of it. */
    public static String[] splitPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        int colon = principal.indexOf(':');
        if (colon <= 0 || colon == principal.length() - 1) {
            throw new IllegalArgumentException("not a principal: " + principal);
        }
        return new String[] {principal.substring(0, colon), principal.substring(colon + 1)};
    }
}
