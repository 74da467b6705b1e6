package io.steadystate.cli.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.steadystate.sync.SyncResult;
import java.util.List;
import java.util.Locale;

/**
 * What {@code steadystate sync} prints.
 *
 * @param status     {@code up_to_date}, {@code synced} or {@code conflicts}
 * @param commit     the session branch's head after the sync
 * @param previous   its head before
 * @param committed  whether the sync wrote a commit
 * @param pushed     paths taken from the worktree into canonical
 * @param pulled     paths written or deleted in the worktree
 * @param conflicts  paths that could not be merged
 * @param unresolved paths not pushed because they still hold conflict markers
 * @param skipped    paths left alone because they changed while the sync ran
 * @param millis     how long the sync took
 */
public record SyncReport(
        @JsonProperty("status") String status,
        @JsonProperty("commit") String commit,
        @JsonProperty("previous") String previous,
        @JsonProperty("committed") boolean committed,
        @JsonProperty("pushed") List<String> pushed,
        @JsonProperty("pulled") List<String> pulled,
        @JsonProperty("conflicts") List<Conflict> conflicts,
        @JsonProperty("unresolved") List<String> unresolved,
        @JsonProperty("skipped") List<String> skipped,
        @JsonProperty("millis") long millis) {

    /** One conflict: path, kind ({@code content}, {@code binary}, {@code delete_modify}, ...) and what happened. */
    public record Conflict(@JsonProperty("path") String path, @JsonProperty("kind") String kind,
            @JsonProperty("message") String message) {
    }

    public static SyncReport of(SyncResult r) {
        return new SyncReport(r.status().name().toLowerCase(Locale.ROOT), r.commit(), r.previous(), r.committed(),
                r.pushed(), r.pulled(),
                r.conflicts().stream().map(c -> new Conflict(c.path(), c.kind().name().toLowerCase(Locale.ROOT), c.message()))
                        .toList(),
                r.unresolved(), r.skipped(), r.took().toMillis());
    }

    /** Whether some paths could not be synced: exit code 1. */
    public boolean hasConflicts() {
        return status.equals("conflicts");
    }

    /** The report for people: a summary line, then one line per path, sorted within each group. */
    public String text() {
        SyncReport r = this;
        StringBuilder sb = new StringBuilder();
        String at = r.commit().substring(0, 10);
        if (r.status().equals("up_to_date")) {
            return "Already up to date with canonical (" + at + "): nothing changed on either side.\n";
        }
        sb.append(r.committed() ? "Synced: commit " + at : "Synced with canonical at " + at)
                .append(" (").append(count(r.pushed().size(), "file")).append(" pushed, ")
                .append(r.pulled().size()).append(" pulled");
        if (!r.conflicts().isEmpty()) {
            sb.append(", ").append(count(r.conflicts().size(), "conflict"));
        }
        sb.append(") in ").append(r.millis()).append(" ms\n");
        for (String p : r.pushed()) {
            sb.append("  pushed     ").append(p).append('\n');
        }
        for (String p : r.pulled()) {
            sb.append("  pulled     ").append(p).append('\n');
        }
        for (Conflict c : r.conflicts()) {
            sb.append("  CONFLICT   ").append(c.path()).append(": ").append(c.message()).append('\n');
        }
        for (String p : r.unresolved()) {
            sb.append("  UNRESOLVED ").append(p).append(": still has conflict markers; not pushed\n");
        }
        for (String p : r.skipped()) {
            sb.append("  kept       ").append(p).append(": changed while sync ran; sync again to merge it\n");
        }
        if (r.hasConflicts()) {
            sb.append("Resolve the conflicts in your worktree (your own versions are under .steadystate/conflicts/),"
                    + " then run 'steadystate sync' again.\n");
        }
        return sb.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
