package io.steadystate.merge.structure;

import java.util.Objects;

/** A region the line merge could not settle: its lines in each of the three versions. */
public record ConflictRegion(LineRange base, LineRange ours, LineRange theirs) {
    public ConflictRegion {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
    }
}
