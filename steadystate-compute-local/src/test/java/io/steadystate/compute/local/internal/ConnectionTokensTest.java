package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionTokensTest {

    @Test
    void aTokenStandsForItsLoginUntilRevoked() {
        ConnectionTokens tokens = new ConnectionTokens();
        String alice = tokens.mint("alice");
        String bob = tokens.mint("bob");
        assertThat(tokens.login(alice)).contains("alice");
        assertThat(tokens.login(bob)).contains("bob");
        assertThat(tokens.size()).isEqualTo(2);

        tokens.revoke(alice);
        assertThat(tokens.login(alice)).isEmpty();
        assertThat(tokens.login(bob)).contains("bob");
        tokens.revoke(null);
        tokens.revoke("never-minted");
        assertThat(tokens.size()).isEqualTo(1);
        tokens.clear();
        assertThat(tokens.login(bob)).isEmpty();
    }

    @Test
    void tokensAre256RandomBitsInBase64UrlAndUnknownOnesMatchNothing() {
        ConnectionTokens tokens = new ConnectionTokens();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String t = tokens.mint("alice");
            assertThat(t).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(t)).hasSize(32);
            assertThat(seen.add(t)).isTrue();
        }
        String t = seen.iterator().next();
        assertThat(tokens.login(t.substring(1))).isEmpty();
        assertThat(tokens.login("")).isEmpty();
        assertThat(tokens.login(null)).isEmpty();
        assertThat(tokens.login("x".repeat(100_000))).isEmpty();
    }
}
