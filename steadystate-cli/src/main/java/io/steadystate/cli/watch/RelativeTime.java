package io.steadystate.cli.watch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as people read them on a dashboard: "just now", "12 s ago", "5 min ago", "yesterday 14:02". */
public final class RelativeTime {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private RelativeTime() {
    }

    /**
     * {@code then} as seen at {@code now} in {@code zone}: within a minute in seconds (the first five as "just
     * now"), within an hour in minutes, then "today HH:mm", "yesterday HH:mm", the weekday within six days, and the
     * date after that. A time more than a minute ahead (another machine's clock) is shown as a date.
     */
    public static String format(Instant then, Instant now, ZoneId zone) {
        Duration age = Duration.between(then, now);
        ZonedDateTime local = then.atZone(zone);
        if (age.compareTo(Duration.ofMinutes(-1)) < 0) {
            return DATE.format(local);
        }
        long seconds = age.getSeconds();
        if (seconds < 5) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = local.toLocalDate();
        if (day.equals(today)) {
            return "today " + CLOCK.format(local);
        }
        if (day.equals(today.minusDays(1))) {
            return "yesterday " + CLOCK.format(local);
        }
        if (day.isAfter(today.minusDays(7))) {
            return WEEKDAY.format(local);
        }
        return DATE.format(local);
    }
}
