package io.steadystate.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link RefreshTokenStore} in memory, for tests and for embedding; forgets everything on exit. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    // One lock for all: markRotated and revokeFamily must be atomic against each other.
    private final Map<String, RefreshTokenRecord> byHash = new HashMap<>();

    @Override
    public synchronized void insert(RefreshTokenRecord token) {
        Objects.requireNonNull(token, "token");
        if (byHash.putIfAbsent(token.tokenHash(), token) != null) {
            throw new IllegalStateException("a refresh token with this hash exists already");
        }
    }

    @Override
    public synchronized Optional<RefreshTokenRecord> findByHash(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public synchronized boolean markRotated(String tokenHash, Instant at) {
        RefreshTokenRecord r = byHash.get(tokenHash);
        if (r == null || r.rotatedAt() != null || r.revokedAt() != null) {
            return false;
        }
        byHash.put(tokenHash, new RefreshTokenRecord(r.tokenHash(), r.familyId(), r.identity(), r.issuedAt(),
                r.expiresAt(), at, null));
        return true;
    }

    @Override
    public synchronized void revokeFamily(String familyId, Instant at) {
        byHash.replaceAll((hash, r) -> r.familyId().equals(familyId) && r.revokedAt() == null
                ? new RefreshTokenRecord(r.tokenHash(), r.familyId(), r.identity(), r.issuedAt(), r.expiresAt(),
                        r.rotatedAt(), at)
                : r);
    }

    @Override
    public synchronized List<RevokedFamily> familiesRevokedSince(Instant since) {
        Objects.requireNonNull(since, "since");
        Map<String, Instant> latest = new HashMap<>();
        for (RefreshTokenRecord r : byHash.values()) {
            if (r.revokedAt() != null && !r.revokedAt().isBefore(since)) {
                latest.merge(r.familyId(), r.revokedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<RevokedFamily> out = new ArrayList<>();
        latest.forEach((family, at) -> out.add(new RevokedFamily(family, at)));
        return out;
    }

    /** How many tokens are kept; expired ones are not removed. */
    public synchronized int size() {
        return byHash.size();
    }
}
