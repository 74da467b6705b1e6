package io.steadystate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RefreshTokensTest {

    private static final Identity OCTOCAT = new Identity("github", "583231", "octocat");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
    private final MutableClock clock = new MutableClock(T0);
    private final RefreshTokens tokens = new RefreshTokens(store, clock, Duration.ofDays(30));

    @Test
    void issueStoresOnlyTheHash() {
        RefreshTokens.Issued issued = tokens.issue(OCTOCAT);

        assertThat(issued.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(issued.identity()).isEqualTo(OCTOCAT);
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThat(issued.familyId()).isEqualTo(store.findByHash(RefreshTokens.hash(issued.token())).orElseThrow().familyId());

        RefreshTokenRecord record = store.findByHash(RefreshTokens.hash(issued.token())).orElseThrow();
        assertThat(record.tokenHash()).matches("[0-9a-f]{64}").doesNotContain(issued.token());
        assertThat(record.identity()).isEqualTo(OCTOCAT);
        assertThat(record.issuedAt()).isEqualTo(T0);
        assertThat(tokens.issue(OCTOCAT).token()).isNotEqualTo(issued.token());
        assertThat(store.findByHash(RefreshTokens.hash(tokens.issue(OCTOCAT).token())).orElseThrow().familyId())
                .isNotEqualTo(record.familyId());
    }

    @Test
    void rotateSpendsTheTokenAndKeepsTheFamily() throws Exception {
        RefreshTokens.Issued first = tokens.issue(OCTOCAT);
        clock.advance(Duration.ofDays(1));

        RefreshTokens.Issued second = tokens.rotate(first.token());

        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.identity()).isEqualTo(OCTOCAT);
        assertThat(second.expiresAt()).isEqualTo(T0.plus(Duration.ofDays(31)));
        RefreshTokenRecord old = store.findByHash(RefreshTokens.hash(first.token())).orElseThrow();
        RefreshTokenRecord now = store.findByHash(RefreshTokens.hash(second.token())).orElseThrow();
        assertThat(old.rotatedAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(now.familyId()).isEqualTo(old.familyId());
        assertThat(tokens.rotate(second.token()).identity()).isEqualTo(OCTOCAT);
    }

    @Test
    void reuseRevokesTheWholeFamily() throws Exception {
        RefreshTokens.Issued first = tokens.issue(OCTOCAT);
        RefreshTokens.Issued second = tokens.rotate(first.token());
        RefreshTokens.Issued unrelated = tokens.issue(OCTOCAT);

        assertReason(() -> tokens.rotate(first.token()), "reused");
        assertReason(() -> tokens.rotate(second.token()), "revoked");
        assertThat(tokens.rotate(unrelated.token()).identity()).isEqualTo(OCTOCAT);
    }

    @Test
    void revokeIsIdempotentAndIgnoresUnknownTokens() throws Exception {
        RefreshTokens.Issued first = tokens.issue(OCTOCAT);
        RefreshTokens.Issued second = tokens.rotate(first.token());

        tokens.revoke(first.token());
        tokens.revoke(first.token());
        tokens.revoke("no-such-token");
        tokens.revoke("");
        tokens.revoke(null);

        assertReason(() -> tokens.rotate(second.token()), "revoked");
        assertThat(store.findByHash(RefreshTokens.hash(second.token())).orElseThrow().revokedAt()).isEqualTo(T0);
    }

    @Test
    void everyRevocationIsReportedWithItsFamily() throws Exception {
        List<RevokedFamily> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        tokens.onFamilyRevoked(reported::add);
        RefreshTokens.Issued loggedOut = tokens.issue(OCTOCAT);
        RefreshTokens.Issued leaked = tokens.issue(OCTOCAT);
        RefreshTokens.Issued live = tokens.issue(OCTOCAT);
        assertThat(tokens.rotate(leaked.token()).familyId()).isEqualTo(leaked.familyId());

        clock.advance(Duration.ofMinutes(1));
        tokens.revoke(loggedOut.token());
        tokens.revoke(loggedOut.token()); // already revoked: nothing new to report
        clock.advance(Duration.ofMinutes(1));
        assertReason(() -> tokens.rotate(leaked.token()), "reused");

        assertThat(reported).containsExactly(new RevokedFamily(loggedOut.familyId(), T0.plus(Duration.ofMinutes(1))),
                new RevokedFamily(leaked.familyId(), T0.plus(Duration.ofMinutes(2))));
        assertThat(tokens.revokedSince(T0)).containsExactlyInAnyOrderElementsOf(reported);
        assertThat(tokens.revokedSince(T0.plus(Duration.ofMinutes(2))))
                .containsExactly(new RevokedFamily(leaked.familyId(), T0.plus(Duration.ofMinutes(2))));
        assertThat(tokens.revokedSince(T0)).extracting(RevokedFamily::familyId).doesNotContain(live.familyId());
    }

    @Test
    void unknownAndOddTokensAreInvalid() {
        assertReason(() -> tokens.rotate("no-such-token"), "unknown");
        assertReason(() -> tokens.rotate(""), "unknown");
        assertReason(() -> tokens.rotate(null), "unknown");
        assertReason(() -> tokens.rotate("x".repeat(10_000)), "unknown");
    }

    @Test
    void expiredTokensAreInvalid() throws Exception {
        RefreshTokens.Issued issued = tokens.issue(OCTOCAT);
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        RefreshTokens.Issued next = tokens.rotate(issued.token());

        clock.advance(Duration.ofDays(30));

        assertReason(() -> tokens.rotate(next.token()), "expired");
    }

    @Test
    void ttlMustBePositive() {
        assertThatThrownBy(() -> new RefreshTokens(store, clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RefreshTokens(store).ttl()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    @Timeout(30)
    void concurrentRotationsOfOneTokenLetExactlyOneThrough() throws Exception {
        for (int round = 0; round < 20; round++) {
            RefreshTokens.Issued issued = tokens.issue(OCTOCAT);
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<RefreshTokens.Issued>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Callable<RefreshTokens.Issued> rotate = () -> {
                        start.await();
                        return tokens.rotate(issued.token());
                    };
                    results.add(pool.submit(rotate));
                }
                start.countDown();
                List<RefreshTokens.Issued> winners = new ArrayList<>();
                List<String> reasons = new ArrayList<>();
                for (Future<RefreshTokens.Issued> result : results) {
                    try {
                        winners.add(result.get(10, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        reasons.add(((InvalidRefreshTokenException) e.getCause()).reason());
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(reasons).hasSize(threads - 1).containsOnly("reused");
                // The others' reuse revoked the family, the winner's new token included.
                assertReason(() -> tokens.rotate(winners.get(0).token()), "revoked");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRefreshTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
