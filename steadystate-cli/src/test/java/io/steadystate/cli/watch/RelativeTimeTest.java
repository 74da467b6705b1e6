package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {

    // A Friday, 12:00 in Paris (UTC+1 in March).
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T11:00:00Z"), PARIS);

    private static String ago(String instant) {
        return RelativeTime.format(Instant.parse(instant), CLOCK.instant(), CLOCK.getZone());
    }

    @Test
    void recentTimesAreRelative() {
        assertThat(ago("2025-03-14T11:00:00Z")).isEqualTo("just now");
        assertThat(ago("2025-03-14T10:59:55.001Z")).isEqualTo("just now");
        assertThat(ago("2025-03-14T10:59:55Z")).isEqualTo("5 s ago");
        assertThat(ago("2025-03-14T10:59:48Z")).isEqualTo("12 s ago");
        assertThat(ago("2025-03-14T10:59:00.5Z")).isEqualTo("59 s ago");
        assertThat(ago("2025-03-14T10:59:00Z")).isEqualTo("1 min ago");
        assertThat(ago("2025-03-14T10:55:00Z")).isEqualTo("5 min ago");
        assertThat(ago("2025-03-14T10:00:01Z")).isEqualTo("59 min ago");
    }

    @Test
    void olderTimesAreClockTimesInTheZone() {
        assertThat(ago("2025-03-14T10:00:00Z")).isEqualTo("today 11:00");
        assertThat(ago("2025-03-13T23:30:00Z")).isEqualTo("today 00:30");
        assertThat(ago("2025-03-13T13:02:00Z")).isEqualTo("yesterday 14:02");
        assertThat(ago("2025-03-12T13:02:00Z")).isEqualTo("Wed 14:02");
        assertThat(ago("2025-03-08T13:02:00Z")).isEqualTo("Sat 14:02");
        assertThat(ago("2025-03-07T13:02:00Z")).isEqualTo("2025-03-07 14:02");
        assertThat(RelativeTime.format(Instant.parse("2025-03-13T13:02:00Z"), CLOCK.instant(), ZoneOffset.UTC))
                .isEqualTo("yesterday 13:02");
    }

    @Test
    void aClockSlightlyAheadIsJustNowAndFarAheadADate() {
        assertThat(ago("2025-03-14T11:00:30Z")).isEqualTo("just now");
        assertThat(ago("2025-03-14T11:05:00Z")).isEqualTo("2025-03-14 12:05");
    }
}
