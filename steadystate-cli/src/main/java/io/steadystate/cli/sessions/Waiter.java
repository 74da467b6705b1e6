package io.steadystate.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.BackendClient;
import io.steadystate.cli.auth.CliException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** {@code up --wait}: asks the server about a session until it has left {@code Provisioning}, or time is up. */
final class Waiter {

    /** How often a line of progress is written while the state stays the same. */
    static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final Function<String, JsonNode> poll;
    private final BackendClient.Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Duration interval;
    private final Duration timeout;
    private final PrintWriter progress;

    /**
     * @param poll     reads the session with this id from the server
     * @param nanoTime a monotonic clock, as {@link System#nanoTime}
     * @param progress where {@code Provisioning... 12s} lines go (standard error)
     */
    Waiter(Function<String, JsonNode> poll, BackendClient.Sleeper sleeper, LongSupplier nanoTime, Duration interval,
            Duration timeout, PrintWriter progress) {
        this.poll = poll;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.interval = interval;
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * Polls from {@code first} (what the server answered when the session was created) until the state is
     * anything but {@code Provisioning}, and returns that answer.
     *
     * @throws CliException with exit 1 when it is still provisioning after the timeout
     */
    JsonNode await(String id, JsonNode first) {
        long start = nanoTime.getAsLong();
        JsonNode node = first;
        String reported = null;
        long reportedAt = 0;
        while (true) {
            String state = SessionsApi.view(node).state();
            if (state != null && !state.equals(SessionView.PROVISIONING)) {
                return node;
            }
            long elapsed = nanoTime.getAsLong() - start;
            String shown = state == null ? "Waiting" : state;
            if (!shown.equals(reported) || elapsed - reportedAt >= REPORT_EVERY.toNanos()) {
                progress.println(shown + "... " + Duration.ofNanos(elapsed).toSeconds() + "s");
                progress.flush();
                reported = shown;
                reportedAt = elapsed;
            }
            long left = timeout.toNanos() - elapsed;
            if (left <= 0) {
                throw new CliException(Main.EXIT_AUTH, "session " + id + " is still " + shown + " after "
                        + timeout.toSeconds() + " s; steadystate sessions shows how it goes on, steadystate down "
                        + id + " ends it");
            }
            try {
                sleeper.sleep(Duration.ofNanos(Math.min(left, interval.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(Main.EXIT_ERROR, "interrupted", e);
            }
            node = poll.apply(id);
        }
    }
}
