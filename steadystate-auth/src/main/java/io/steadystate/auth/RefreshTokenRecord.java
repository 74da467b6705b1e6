package io.steadystate.auth;

import io.steadystate.api.Identity;
import java.time.Instant;
import java.util.Objects;

/**
 * A refresh token as it is stored: only its hash, never the token itself.
 *
 * @param tokenHash SHA-256 of the token, hex
 * @param familyId  shared by every token rotated from one login; reuse of a spent token revokes the family
 * @param identity  who the token belongs to
 * @param issuedAt  when it was issued
 * @param expiresAt when it stops working
 * @param rotatedAt when it was exchanged for a new one, or null
 * @param revokedAt when it was revoked, or null
 */
public record RefreshTokenRecord(String tokenHash, String familyId, Identity identity, Instant issuedAt,
        Instant expiresAt, Instant rotatedAt, Instant revokedAt) {

    public RefreshTokenRecord {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "RefreshTokenRecord[family=" + familyId + ", identity=" + identity + ", expiresAt=" + expiresAt
                + ", rotatedAt=" + rotatedAt + ", revokedAt=" + revokedAt + "]";
    }
}
