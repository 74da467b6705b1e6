package io.steadystate.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff b = Backoff.DEFAULT;

    @Test
    void stepsDoubleFromTwoHundredMillisecondsUpToFiveSeconds() {
        // random 1.0: the whole step; 0.0: half of it.
        assertThat(b.delay(1, 1.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(2, 1.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(b.delay(3, 1.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(4, 1.0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(b.delay(5, 1.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(b.delay(6, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(60, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(60, 0.0)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void jitterStaysWithinHalfAndAllOfTheStep() {
        java.util.Random random = new java.util.Random(42);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int retry = 1; retry <= 10; retry++) {
            long step = Math.min(5000, 200L << (retry - 1));
            for (int i = 0; i < 200; i++) {
                Duration d = b.delay(retry, random.nextDouble());
                assertThat(d.toMillis()).isBetween(step / 2, step);
                seen.add(d);
            }
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(b.delay(3, 0.5)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void fiveAttemptsInAll() {
        assertThat(b.mayRetryAfter(1)).isTrue();
        assertThat(b.mayRetryAfter(4)).isTrue();
        assertThat(b.mayRetryAfter(5)).isFalse();
    }

    @Test
    void onlyGatewayAndUnavailableAnswersAreRetried() {
        assertThat(Backoff.retryableStatus(502)).isTrue();
        assertThat(Backoff.retryableStatus(503)).isTrue();
        assertThat(Backoff.retryableStatus(504)).isTrue();
        for (int status = 400; status < 500; status++) {
            assertThat(Backoff.retryableStatus(status)).as("status %d", status).isFalse();
        }
        assertThat(Backoff.retryableStatus(500)).isFalse();
        assertThat(Backoff.retryableStatus(501)).isFalse();
        assertThat(Backoff.retryableStatus(200)).isFalse();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> b.delay(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
