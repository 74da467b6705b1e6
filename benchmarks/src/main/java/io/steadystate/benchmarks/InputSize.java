package io.steadystate.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Counts input bytes (base + ours + theirs) merged, as a secondary result {@code inputBytes}. JMH
 * normalizes it like the operations of a throughput benchmark, so its score is input bytes per
 * second: divided by 1e6 it is MB/s, and divided by the primary score (ops/s) it is bytes per op.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class InputSize {
    public long inputBytes;
}
