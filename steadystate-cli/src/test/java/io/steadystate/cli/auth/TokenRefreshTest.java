package io.steadystate.cli.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the CLI refreshes the JWT before using it, and how it reads the JWT's expiry. */
class TokenRefreshTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void refreshesWithinAMinuteOfExpiryOrAfterIt() {
        assertThat(BackendClient.shouldRefresh(Optional.of(NOW.plusSeconds(3600)), NOW)).isFalse();
        assertThat(BackendClient.shouldRefresh(Optional.of(NOW.plusSeconds(61)), NOW)).isFalse();
        assertThat(BackendClient.shouldRefresh(Optional.of(NOW.plusSeconds(60)), NOW)).isTrue();
        assertThat(BackendClient.shouldRefresh(Optional.of(NOW.plusSeconds(5)), NOW)).isTrue();
        assertThat(BackendClient.shouldRefresh(Optional.of(NOW.minusSeconds(3600)), NOW)).isTrue();
    }

    @Test
    void unknownExpiryWaitsForTheServerToSay() {
        assertThat(BackendClient.shouldRefresh(Optional.empty(), NOW)).isFalse();
    }

    private static String jwt(String claims) {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        return enc.encodeToString("{\"alg\":\"HS256\"}".getBytes(UTF_8)) + "." + enc.encodeToString(claims.getBytes(UTF_8))
                + ".c2ln";
    }

    @Test
    void readsTheExpClaim() {
        assertThat(Jwts.expiry(jwt("{\"sub\":\"github:1\",\"exp\":1893499200}")))
                .contains(Instant.ofEpochSecond(1893499200));
    }

    @Test
    void anythingElseHasNoKnownExpiry() {
        assertThat(Jwts.expiry(jwt("{\"sub\":\"github:1\"}"))).isEmpty();
        assertThat(Jwts.expiry(jwt("{\"exp\":\"soon\"}"))).isEmpty();
        assertThat(Jwts.expiry(jwt("[1]"))).isEmpty();
        assertThat(Jwts.expiry("opaque-token")).isEmpty();
        assertThat(Jwts.expiry("a.%%%.c")).isEmpty();
        assertThat(Jwts.expiry(null)).isEmpty();
    }
}
