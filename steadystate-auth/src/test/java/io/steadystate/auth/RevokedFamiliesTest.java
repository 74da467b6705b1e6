package io.steadystate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedFamiliesTest {

    private static final Identity OCTOCAT = new Identity("github", "583231", "octocat");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    // 15 minutes of token lifetime, 30 seconds of skew, one minute of margin.
    private static final JwtSettings SETTINGS = new JwtSettings("steadystate", "steadystate");
    private static final Duration COVER = Duration.ofMinutes(16).plusSeconds(30);

    private final RefreshTokensTest.MutableClock clock = new RefreshTokensTest.MutableClock(T0);

    @Test
    void aFamilyIsRefusedUntilEveryTokenItCoversHasExpiredThenForgotten() {
        RevokedFamilies list = RevokedFamilies.forTokens(SETTINGS, clock);
        assertThat(list.coverFor()).isEqualTo(COVER);

        list.add(new RevokedFamily("a", T0));
        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.isRevoked("b")).isFalse();
        assertThat(list.isRevoked(null)).isFalse();

        clock.advance(COVER);
        list.add(new RevokedFamily("b", clock.instant()));
        assertThat(list.isRevoked("a")).isFalse();
        assertThat(list.isRevoked("b")).isTrue();
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void aRevocationTooOldToMatterIsNotKeptAndALaterOneExtendsAnEarlier() {
        RevokedFamilies list = RevokedFamilies.forTokens(SETTINGS, clock);
        clock.advance(Duration.ofHours(1));

        list.add(new RevokedFamily("old", T0));
        list.add(new RevokedFamily("a", clock.instant().minusSeconds(60)));
        list.add(new RevokedFamily("a", clock.instant()));
        list.add(new RevokedFamily("a", clock.instant().minusSeconds(120)));
        clock.advance(COVER.minusSeconds(1));
        list.add(new RevokedFamily("c", clock.instant()));

        assertThat(list.isRevoked("old")).isFalse();
        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void followLoadsRecentRevocationsFromTheStoreAndLearnsNewOnes() throws Exception {
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
        RefreshTokens before = new RefreshTokens(store, clock, Duration.ofDays(30));
        RefreshTokens.Issued longAgo = before.issue(OCTOCAT);
        before.revoke(longAgo.token());
        clock.advance(Duration.ofHours(1));
        RefreshTokens.Issued recently = before.issue(OCTOCAT);
        before.revoke(recently.token());
        RefreshTokens.Issued leaked = before.issue(OCTOCAT);
        RefreshTokens.Issued live = before.issue(OCTOCAT);
        clock.advance(Duration.ofMinutes(5));

        // As after a restart: a new RefreshTokens over the same store.
        RefreshTokens after = new RefreshTokens(store, clock, Duration.ofDays(30));
        RevokedFamilies list = RevokedFamilies.follow(after, SETTINGS, clock);

        assertThat(list.isRevoked(recently.familyId())).isTrue();
        assertThat(list.isRevoked(longAgo.familyId())).isFalse();
        assertThat(list.isRevoked(leaked.familyId())).isFalse();

        after.rotate(leaked.token());
        assertThatThrownBy(() -> after.rotate(leaked.token())).isInstanceOf(InvalidRefreshTokenException.class);
        assertThat(list.isRevoked(leaked.familyId())).isTrue();
        assertThat(list.isRevoked(live.familyId())).isFalse();
        after.revoke(live.token());
        assertThat(list.isRevoked(live.familyId())).isTrue();
    }

    @Test
    void constructorsValidate() {
        assertThatThrownBy(() -> new RevokedFamilies(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RevokedFamilies(Duration.ofMinutes(1), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RevokedFamily(" ", T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RevokedFamily("a", null)).isInstanceOf(NullPointerException.class);
    }
}
