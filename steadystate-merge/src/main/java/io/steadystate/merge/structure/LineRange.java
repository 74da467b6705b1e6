package io.steadystate.merge.structure;

/**
 * Lines {@code [from, to)} of one version of a file, counted from 0; empty ({@code from == to}) for a
 * side that has no lines in a region, where it marks the position between lines.
 */
public record LineRange(int from, int to) {
    public LineRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad line range [" + from + ", " + to + ")");
        }
    }

    public int size() {
        return to - from;
    }

    public boolean isEmpty() {
        return from == to;
    }
}
