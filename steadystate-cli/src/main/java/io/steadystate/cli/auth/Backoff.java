package io.steadystate.cli.auth;

import java.time.Duration;

/**
 * When to try a request again: capped exponential backoff with jitter. Retry {@code n} (1 for the first)
 * waits a random time between half and all of {@code min(cap, base * multiplier^(n-1))}, so that clients
 * that failed together do not come back together, and never less than half the step.
 *
 * @param base        the first step
 * @param multiplier  how much each step grows
 * @param cap         the longest step
 * @param maxAttempts how many times a request is sent at most, the first one included
 */
public record Backoff(Duration base, double multiplier, Duration cap, int maxAttempts) {

    /** 200 ms, 400 ms, 800 ms, 1.6 s (each jittered), capped at 5 s, 5 attempts in all. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 5);

    public Backoff {
        if (base.isNegative() || cap.compareTo(base) < 0 || multiplier < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("bad backoff: " + base + " x" + multiplier + " cap " + cap + ", "
                    + maxAttempts + " attempts");
        }
    }

    /**
     * How long to wait before retry {@code retry} (1 for the first retry).
     *
     * @param random a number in [0, 1)
     */
    public Duration delay(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1: " + retry);
        }
        double step = Math.min(cap.toMillis(), base.toMillis() * Math.pow(multiplier, retry - 1));
        double r = Math.min(Math.max(random, 0), 1);
        return Duration.ofMillis(Math.round(step / 2 + r * step / 2));
    }

    /** Whether another attempt may follow attempt {@code attempt} (1 for the first). */
    public boolean mayRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /**
     * Whether an answer with this status is worth trying again: only 502, 503 and 504, which say that the
     * server, or the proxy in front of it, is restarting or overloaded. A 4xx never is: the same request
     * would be refused again.
     */
    public static boolean retryableStatus(int status) {
        return status == 502 || status == 503 || status == 504;
    }
}
