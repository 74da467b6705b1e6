package io.steadystate.sync;

import java.util.Objects;

/**
 * Who a sync commit is authored by. In a session this comes from the session's SSH server (the key
 * that authenticated), never from anything the person running the command can set.
 *
 * @param login the user's login (GitHub login in sessions)
 * @param name  the name recorded in the commit
 * @param email the e-mail recorded in the commit
 */
public record Author(String login, String name, String email) {

    public Author {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        if (login.isBlank() || login.length() > 100 || login.chars().anyMatch(c -> c < 0x20 || c == '<' || c == '>')) {
            throw new IllegalArgumentException("not a valid login");
        }
    }

    /** A GitHub user, with GitHub's no-reply address. */
    public static Author ofLogin(String login) {
        return new Author(login, login, login + "@users.noreply.github.com");
    }
}
