package io.steadystate.server.internal.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One member of a session as the page shows them.
 *
 * @param role        {@code creator}, {@code member} (allowed to work) or {@code viewer}
 * @param connections SSH connections open now
 * @param lastSync    their last sync, or null
 * @param conflicts   paths their last sync left in conflict: open until they sync again
 */
record MemberState(String login, String role, int connections, Instant lastSync, List<String> conflicts) {

    MemberState {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(role, "role");
        if (connections < 0) {
            throw new IllegalArgumentException("connections cannot be negative");
        }
        conflicts = List.copyOf(conflicts);
    }

    boolean connected() {
        return connections > 0;
    }
}
