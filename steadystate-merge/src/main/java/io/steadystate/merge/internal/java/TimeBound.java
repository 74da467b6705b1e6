package io.steadystate.merge.internal.java;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * How much longer the structured merge of one file may run, in CPU time of the merging thread where
 * the JVM measures it: on a loaded machine wall-clock time would make the same merge settle a region
 * one day and give up the next, and a merge must be deterministic. Wall-clock time (at five times the
 * budget) is the fallback where thread CPU time is not available.
 */
final class TimeBound {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private final Thread owner;
    private final long cpuDeadline;
    private final long wallDeadline;

    private TimeBound(Duration budget) {
        this.owner = Thread.currentThread();
        long nanos = budget.toNanos();
        this.cpuDeadline = CPU ? THREADS.getCurrentThreadCpuTime() + nanos : 0;
        this.wallDeadline = System.nanoTime() + (CPU ? 5 * nanos : nanos);
    }

    static TimeBound startingNow(Duration budget) {
        return new TimeBound(budget);
    }

    boolean expired() {
        if (System.nanoTime() - wallDeadline > 0) {
            return true;
        }
        // CPU time is read on the thread that started the merge; another thread only checks the wall clock.
        return CPU && Thread.currentThread() == owner && THREADS.getCurrentThreadCpuTime() - cpuDeadline > 0;
    }

    /** Thrown from deep inside parsing, where there is no other way out. */
    static final class Expired extends RuntimeException {
        Expired() {
            super("time bound reached", null, false, false);
        }
    }
}
