package io.steadystate.merge.internal.java;

import io.steadystate.merge.structure.ConflictRegion;
import io.steadystate.merge.structure.FileMerge;
import io.steadystate.merge.structure.FileVersions;
import io.steadystate.merge.structure.RegionOutcome;
import java.util.Optional;

/**
 * The structured merge of one Java file. The three versions are parsed once, at the first region;
 * each region is then tried as an import region, else as a region of type members.
 */
final class JavaFileMerge implements FileMerge {

    private final FileVersions versions;
    private final TimeBound bound;
    private Versions parsed;
    private String unparsed;

    JavaFileMerge(FileVersions versions) {
        // Loading and compiling the parser is paid once per process, not per file: it is not part of the budget.
        java.time.Duration allowance = ParserWarmUp.ensure();
        this.versions = versions;
        this.bound = TimeBound.startingNow(versions.budget().plus(allowance));
    }

    @Override
    public RegionOutcome resolve(ConflictRegion region) {
        if (unparsed != null) {
            return new RegionOutcome.Declined(unparsed);
        }
        try {
            if (parsed == null) {
                Optional<JavaSource> b = JavaSource.parse(versions.base(), bound);
                Optional<JavaSource> o = b.isEmpty() ? Optional.empty() : JavaSource.parse(versions.ours(), bound);
                Optional<JavaSource> t = o.isEmpty() ? Optional.empty() : JavaSource.parse(versions.theirs(), bound);
                if (t.isEmpty()) {
                    unparsed = bound.expired() ? "time bound reached while parsing" : "a version does not parse as Java";
                    return new RegionOutcome.Declined(unparsed);
                }
                parsed = new Versions(b.get(), o.get(), t.get());
            }
            if (bound.expired()) {
                return new RegionOutcome.Declined("time bound reached");
            }
            RegionOutcome imports = ImportMerge.resolve(parsed, region);
            if (imports != null) {
                return imports;
            }
            return MemberMerge.resolve(parsed, region, versions.options(), bound);
        } catch (TimeBound.Expired e) {
            return new RegionOutcome.Declined("time bound reached");
        }
    }

    /** The three parsed versions. */
    record Versions(JavaSource base, JavaSource ours, JavaSource theirs) {
        JavaSource get(int side) {
            return switch (side) {
                case 0 -> base;
                case 1 -> ours;
                default -> theirs;
            };
        }
    }
}
