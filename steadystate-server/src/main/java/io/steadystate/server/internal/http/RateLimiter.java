package io.steadystate.server.internal.http;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client address, a device code): {@code burst} requests at once, refilled
 * at {@code perSecond}. Idle buckets are dropped so that many clients cannot grow the map forever.
 */
public final class RateLimiter {

    private static final int SWEEP_ABOVE = 10_000;

    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one token for {@code key}; false when the key has used up its allowance. */
    public boolean tryAcquire(String key) {
        long now = clock.millis();
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, perSecond, burst);
    }

    /** Seconds until {@code key} may try again, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }

    private void sweep(long now) {
        // A bucket that has been idle long enough to be full again carries no state worth keeping.
        long idle = (long) (burst / perSecond * 1000);
        buckets.entrySet().removeIf(e -> now - e.getValue().lastMillis() > idle);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double perSecond, double burst) {
            tokens = Math.min(burst, tokens + (now - last) / 1000.0 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized long lastMillis() {
            return last;
        }
    }
}
