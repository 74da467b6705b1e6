package io.steadystate.cli.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone connected to the session now.
 *
 * @param user        the login
 * @param since       when their oldest open connection started
 * @param connections how many connections they hold (a shell and this dashboard are two)
 */
public record Presence(String user, Instant since, int connections) {
    public Presence {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
    }
}
