package io.steadystate.server.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A device flow the server started and the client is polling. Only a hash of the device code is
 * kept: the client presents the code on every poll, so the server never needs it at rest.
 *
 * @param codeHash   SHA-256 of the device code, hex
 * @param provider   the identity provider that issued it
 * @param expiresAt  when the provider forgets it
 * @param interval   how long the client must wait between polls
 * @param nextPollAt the earliest time of the next poll
 */
public record PendingFlow(String codeHash, String provider, Instant expiresAt, Duration interval, Instant nextPollAt) {

    public PendingFlow {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(nextPollAt, "nextPollAt");
    }

    PendingFlow polledAt(Instant now, Duration newInterval) {
        return new PendingFlow(codeHash, provider, expiresAt, newInterval, now.plus(newInterval));
    }
}
