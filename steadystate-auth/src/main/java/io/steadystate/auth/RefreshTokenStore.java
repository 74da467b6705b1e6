package io.steadystate.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where refresh tokens are kept. The server implements it on its database; an in-memory one serves
 * tests and embedding. Every method is atomic and thread-safe.
 */
public interface RefreshTokenStore {

    void insert(RefreshTokenRecord token);

    Optional<RefreshTokenRecord> findByHash(String tokenHash);

    /**
     * Marks a token spent, only if it is neither spent nor revoked yet. Returns false when another
     * request got there first: the caller must then treat the token as reused.
     */
    boolean markRotated(String tokenHash, Instant at);

    /** Revokes every token of a family that is not revoked yet. */
    void revokeFamily(String familyId, Instant at);

    /**
     * The families with a token revoked at or after {@code since}, each with its latest revocation
     * time; the server reads them at start so that access tokens of families revoked shortly before
     * stay refused (see {@link RevokedFamilies}).
     */
    List<RevokedFamily> familiesRevokedSince(Instant since);
}
