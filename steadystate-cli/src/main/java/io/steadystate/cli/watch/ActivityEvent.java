package io.steadystate.cli.watch;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a session's {@code activity-log}.
 *
 * @param time    when it happened
 * @param user    the login it concerns, or null for the session itself
 * @param event   {@code connect}, {@code disconnect}, {@code shell}, {@code exec}, ...
 * @param details free text; null when the line has none
 */
public record ActivityEvent(Instant time, String user, String event, String details) {
    public ActivityEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
    }
}
