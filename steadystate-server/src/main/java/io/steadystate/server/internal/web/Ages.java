package io.steadystate.server.internal.web;

import java.time.Duration;
import java.time.Instant;

/** Times as people read them on the page ("3 min ago"), with the exact instant kept in a {@code <time>} element. */
final class Ages {

    private Ages() {
    }

    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }

    static String time(Instant then, Instant now) {
        return "<time datetime=\"" + then + "\">" + ago(then, now) + "</time>";
    }
}
