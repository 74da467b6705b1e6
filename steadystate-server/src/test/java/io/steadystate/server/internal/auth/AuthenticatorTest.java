package io.steadystate.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.auth.JwtKeys;
import io.steadystate.auth.JwtSettings;
import io.steadystate.auth.RevokedFamilies;
import io.steadystate.auth.RevokedFamily;
import io.steadystate.server.internal.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final JwtKeys keys = JwtKeys.fromSecret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            new JwtSettings("steadystate", "steadystate", Duration.ofMinutes(15), Duration.ZERO, 8192)).withClock(clock);
    private final RevokedFamilies revoked = RevokedFamilies.forTokens(keys.settings(), clock);
    private final Authenticator authenticator = new Authenticator(keys, revoked, clock);

    @Test
    void aCachedTokenStopsWorkingWhenItExpires() {
        String token = keys.sign(new Identity("github", "1", "octocat"));
        assertThat(authenticator.verify(token).login()).isEqualTo("octocat");
        assertThat(authenticator.verify(token).login()).isEqualTo("octocat");
        now.set(now.get().plus(Duration.ofMinutes(16)));
        assertThatThrownBy(() -> authenticator.verify(token))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("token_expired"));
    }

    @Test
    void aChangedTokenIsCheckedAgainNotServedFromTheCache() {
        String token = keys.sign(new Identity("github", "1", "octocat"));
        authenticator.verify(token);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> authenticator.verify(tampered))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aCachedTokenIsRefusedOnceItsFamilyIsRevokedAndOtherFamiliesAreNot() {
        Identity octocat = new Identity("github", "1", "octocat");
        String revokedToken = keys.sign(octocat, "family-a");
        String otherFamily = keys.sign(octocat, "family-b");
        String noFamily = keys.sign(octocat);
        assertThat(authenticator.verify(revokedToken).familyId()).isEqualTo("family-a");
        assertThat(authenticator.verify(otherFamily).login()).isEqualTo("octocat");

        revoked.add(new RevokedFamily("family-a", now.get()));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticator.verify(revokedToken))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("invalid_token");
                        assertThat(e.getMessage()).contains("revoked").contains("log in again")
                                .doesNotContain(revokedToken);
                    });
        }
        assertThat(authenticator.verify(otherFamily).familyId()).isEqualTo("family-b");
        // Tokens signed before they carried a family run out their lifetime.
        assertThat(authenticator.verify(noFamily).login()).isEqualTo("octocat");
    }
}
