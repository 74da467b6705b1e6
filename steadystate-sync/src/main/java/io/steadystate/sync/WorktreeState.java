package io.steadystate.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.steadystate.sync.internal.JsonFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code .steadystate/steadystate.json} records about a worktree.
 *
 * @param sessionId        the session
 * @param branch           the session branch in the canonical repository
 * @param lastSyncedCommit the commit the worktree was last brought to: the base of the next sync
 * @param user             the login whose worktree this is
 * @param conflicts        paths the last sync left with conflicts, sorted; a file among them that still
 *                         holds conflict markers is not pushed
 * @param baseOverrides    paths whose base for the next sync is not {@code lastSyncedCommit}'s version
 *                         (the sync did not touch them, for example because they changed while it ran):
 *                         the base entry to use, or null for "absent"
 * @param pending          set while a sync refreshes the worktree; a later sync that finds it knows
 *                         the refresh may have stopped half-way
 * @param keptConflicts    those of {@code conflicts} where the worktree kept the user's own version
 *                         untouched (binary, symlink, type, delete/modify): while the file is still exactly
 *                         that version, no sync pushes it; {@code steadystate resolve} settles it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorktreeState(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("branch") String branch,
        @JsonProperty("last_synced_commit") String lastSyncedCommit,
        @JsonProperty("user") String user,
        @JsonProperty("conflicts") List<String> conflicts,
        @JsonProperty("base_overrides") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BaseEntry> baseOverrides,
        @JsonProperty("pending") Pending pending,
        @JsonProperty("kept_conflicts") List<String> keptConflicts) {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public WorktreeState {
        Objects.requireNonNull(branch, "branch");
        if (lastSyncedCommit == null || !COMMIT.matcher(lastSyncedCommit).matches()) {
            throw new IllegalArgumentException("last_synced_commit must be a full commit id");
        }
        conflicts = conflicts == null ? List.of() : List.copyOf(new java.util.TreeSet<>(conflicts));
        keptConflicts = keptConflicts == null ? List.of() : List.copyOf(new java.util.TreeSet<>(keptConflicts));
        baseOverrides = baseOverrides == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(baseOverrides));
    }

    /** A state at {@code commit} with no conflicts, overrides or pending refresh. */
    public static WorktreeState initial(String sessionId, String branch, String commit, String user) {
        return new WorktreeState(sessionId, branch, commit, user, List.of(), Map.of(), null, List.of());
    }

    /** This state with another last synced commit, conflicts and overrides, and no pending refresh. */
    public WorktreeState synced(String commit, List<String> newConflicts, Map<String, BaseEntry> overrides,
            List<String> kept) {
        return new WorktreeState(sessionId, branch, commit, user, newConflicts, overrides, null, kept);
    }

    /** This state without the conflicts at {@code paths} (they were resolved). */
    public WorktreeState withoutConflicts(List<String> paths) {
        List<String> left = new java.util.ArrayList<>(conflicts);
        left.removeAll(paths);
        List<String> keptLeft = new java.util.ArrayList<>(keptConflicts);
        keptLeft.removeAll(paths);
        return new WorktreeState(sessionId, branch, lastSyncedCommit, user, left, baseOverrides, pending, keptLeft);
    }

    /** This state with a refresh to {@code p} under way. */
    public WorktreeState withPending(Pending p) {
        return new WorktreeState(sessionId, branch, lastSyncedCommit, user, conflicts, baseOverrides, p, keptConflicts);
    }

    /** Reads a state file. */
    public static WorktreeState read(Path file) throws SyncException {
        try {
            return JsonFiles.read(file, WorktreeState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new SyncException("could not read " + file + ": " + e.getMessage()
                    + "; the worktree's sync state is damaged", e);
        }
    }

    /** Writes this state to {@code file} atomically (a reader sees the old or the new state, never a mix). */
    public void write(Path file) throws IOException {
        JsonFiles.writeAtomically(file, this);
    }

    /**
     * A tree entry named by kind and git object id.
     *
     * @param kind {@code file}, {@code executable}, {@code symlink} or {@code gitlink}
     * @param id   the blob (or, for a gitlink, commit) id
     */
    public record BaseEntry(@JsonProperty("kind") String kind, @JsonProperty("id") String id) {
        public BaseEntry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A refresh under way.
     *
     * @param commit        the commit the worktree is being brought to
     * @param written       the paths the refresh writes, each with the entry it writes (null: deletes)
     * @param conflicts     the conflicts the sync reported
     * @param baseOverrides the overrides that hold once the refresh is done
     * @param keptConflicts the conflicts whose worktree file keeps the user's own version
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pending(
            @JsonProperty("commit") String commit,
            @JsonProperty("written") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BaseEntry> written,
            @JsonProperty("conflicts") List<String> conflicts,
            @JsonProperty("base_overrides") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BaseEntry> baseOverrides,
            @JsonProperty("kept_conflicts") List<String> keptConflicts) {
        public Pending {
            keptConflicts = keptConflicts == null ? List.of() : List.copyOf(keptConflicts);
            if (commit == null || !COMMIT.matcher(commit).matches()) {
                throw new IllegalArgumentException("pending commit must be a full commit id");
            }
            written = written == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(written));
            conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
            baseOverrides = baseOverrides == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(baseOverrides));
        }
    }
}
