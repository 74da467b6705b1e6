package io.steadystate.cli.sync;

import io.steadystate.cli.sessions.Text;
import io.steadystate.cli.worktree.StatusText;
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
 * @param tooLarge   worktree files over the size limit, left out of the sync
 * @param refused    paths of the session branch that no worktree may hold, not written
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
        @JsonProperty("too_large") List<String> tooLarge,
        @JsonProperty("refused") List<String> refused,
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
                r.unresolved(), r.skipped(), r.tooLarge(), r.refused(), r.took().toMillis());
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
            sb.append("Already up to date with canonical (").append(at).append("): nothing changed on either side.\n");
            tooLarge(sb);
            return sb.toString();
        }
        sb.append(r.committed() ? "Synced: commit " + at : "Synced with canonical at " + at)
                .append(" (").append(count(r.pushed().size(), "file")).append(" pushed, ")
                .append(r.pulled().size()).append(" pulled");
        if (!r.conflicts().isEmpty()) {
            sb.append(", ").append(count(r.conflicts().size(), "conflict"));
        }
        sb.append(") in ").append(r.millis()).append(" ms\n");
        // Paths are quoted as git quotes them when they hold control characters: one path, one line.
        for (String p : r.pushed()) {
            sb.append("  pushed     ").append(StatusText.quote(p)).append('\n');
        }
        for (String p : r.pulled()) {
            sb.append("  pulled     ").append(StatusText.quote(p)).append('\n');
        }
        for (Conflict c : r.conflicts()) {
            sb.append("  CONFLICT   ").append(StatusText.quote(c.path())).append(": ").append(Text.printable(c.message()))
                    .append('\n');
        }
        for (String p : r.unresolved()) {
            sb.append("  UNRESOLVED ").append(StatusText.quote(p)).append(": still has conflict markers; not pushed\n");
        }
        for (String p : r.skipped()) {
            sb.append("  kept       ").append(StatusText.quote(p)).append(": changed while sync ran; sync again to merge it\n");
        }
        for (String p : r.refused()) {
            sb.append("  REFUSED    ").append(StatusText.quote(p))
                    .append(": the session branch holds a path no worktree may have; remove it there\n");
        }
        tooLarge(sb);
        if (r.hasConflicts()) {
            sb.append("Resolve the conflicts in your worktree (your own versions are under .steadystate/conflicts/),"
                    + " then run 'steadystate sync' again.\n");
        }
        return sb.toString();
    }

    private void tooLarge(StringBuilder sb) {
        for (String p : tooLarge) {
            sb.append("  TOO LARGE  ").append(StatusText.quote(p)).append(": over the sync size limit; not synced\n");
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
