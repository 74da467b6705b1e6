package io.steadystate.server.internal.store;

import io.steadystate.api.Identity;
import java.time.Instant;
import java.util.Objects;

/**
 * Someone who has logged in.
 *
 * @param identity  provider, subject and the latest login seen
 * @param firstSeen their first login
 * @param lastSeen  their latest login
 */
public record User(Identity identity, Instant firstSeen, Instant lastSeen) {

    public User {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    public String principal() {
        return identity.principal();
    }
}
