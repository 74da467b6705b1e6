package io.steadystate.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deny-list of access tokens: the refresh-token families revoked recently enough that some access
 * token of theirs may still be unexpired. Looking a family up is one hash-map read, cheap enough for
 * every request. Thread-safe.
 *
 * <p>A family is remembered for the access-token lifetime plus the allowed clock skew plus a minute
 * after its revocation. A token can only be issued for a family before it is revoked (or, when a
 * rotation races a reuse, within moments after), so by then every token it could cover has expired
 * and the entry is dropped; memory is bounded by the revocations of the last such period.
 *
 * <p>{@link #follow} fills the list from the refresh-token store, so that families revoked before a
 * restart stay refused, and keeps it up to date with every revocation made through that
 * {@link RefreshTokens}. Revocations made by another process on a shared store are not seen until
 * the next start.
 */
public final class RevokedFamilies {

    // A token issued by a rotation that raced the family's revocation is signed just after revokedAt.
    private static final Duration ISSUE_MARGIN = Duration.ofMinutes(1);

    private final Duration coverFor;
    private final Clock clock;
    // family id -> the instant after which no unexpired access token of that family can exist
    private final ConcurrentHashMap<String, Instant> until = new ConcurrentHashMap<>();

    /**
     * An empty list remembering each family for {@code coverFor} after its revocation.
     *
     * @throws IllegalArgumentException when {@code coverFor} is not positive
     */
    public RevokedFamilies(Duration coverFor, Clock clock) {
        Objects.requireNonNull(coverFor, "coverFor");
        if (coverFor.isNegative() || coverFor.isZero()) {
            throw new IllegalArgumentException("coverFor must be positive");
        }
        this.coverFor = coverFor;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An empty list covering every token issued under {@code settings}. */
    public static RevokedFamilies forTokens(JwtSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        return new RevokedFamilies(settings.ttl().plus(settings.clockSkew()).plus(ISSUE_MARGIN), clock);
    }

    /**
     * A list covering tokens issued under {@code settings} that holds the families the store of
     * {@code refreshTokens} revoked recently and learns of each revocation {@code refreshTokens} makes
     * from now on.
     */
    public static RevokedFamilies follow(RefreshTokens refreshTokens, JwtSettings settings, Clock clock) {
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        RevokedFamilies list = forTokens(settings, clock);
        // Listen before loading: a revocation between the two is then caught by one or the other.
        refreshTokens.onFamilyRevoked(list::add);
        for (RevokedFamily f : refreshTokens.revokedSince(clock.instant().minus(list.coverFor))) {
            list.add(f);
        }
        return list;
    }

    /** How long after its revocation a family is remembered. */
    public Duration coverFor() {
        return coverFor;
    }

    /** Remembers a revoked family; a later revocation time extends how long it is remembered. */
    public void add(RevokedFamily family) {
        Objects.requireNonNull(family, "family");
        Instant now = clock.instant();
        Instant end = family.revokedAt().plus(coverFor);
        if (end.isAfter(now)) {
            until.merge(family.familyId(), end, (a, b) -> a.isAfter(b) ? a : b);
        }
        // Revocations are rare (each needs a refresh token), so sweeping on every one costs little
        // and keeps the map to the families that can still matter.
        until.entrySet().removeIf(e -> !e.getValue().isAfter(now));
    }

    /** Whether access tokens of {@code familyId} are refused; {@code null} (no family) never is. */
    public boolean isRevoked(String familyId) {
        // An entry past its time covers only expired tokens, which fail verification anyway.
        return familyId != null && until.containsKey(familyId);
    }

    /** How many families are remembered. */
    public int size() {
        return until.size();
    }

    @Override
    public String toString() {
        return "RevokedFamilies[" + until.size() + " families, coverFor=" + coverFor + "]";
    }
}
