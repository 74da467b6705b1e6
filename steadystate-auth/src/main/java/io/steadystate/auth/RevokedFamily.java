package io.steadystate.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A refresh-token family that was revoked, and when: every access token issued for it is void from then on.
 *
 * @param familyId  the family, as carried by the access tokens' {@code fam} claim
 * @param revokedAt when it was revoked (the latest time, if it was revoked more than once)
 */
public record RevokedFamily(String familyId, Instant revokedAt) {

    public RevokedFamily {
        if (familyId == null || familyId.isBlank()) {
            throw new IllegalArgumentException("familyId must not be empty");
        }
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
