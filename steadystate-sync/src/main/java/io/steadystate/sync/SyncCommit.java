package io.steadystate.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.steadystate.sync.WorktreeState.BaseEntry;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The first half of a sync, done by whoever may write the canonical repository: the merge, the commit
 * and the sync-log line. The second half, {@link WorktreeSync#apply}, is done by whoever may write the
 * worktree. In a session these are two different processes: the session's sync service, which sees the
 * worktree read-only, and the member's own command, which sees canonical read-only, so neither can
 * damage what only the other may write.
 *
 * @param commit        the session branch's head after the commit half
 * @param previous      the head before it
 * @param committed     whether a commit was written
 * @param upToDate      nothing changed on either side: the worktree half has nothing to do
 * @param finishesPending whether it finished a refresh that an earlier sync left half done
 * @param pushed        paths taken from the worktree into canonical, sorted
 * @param targets       what the worktree half writes: each path with the entry it gets, null to delete
 * @param expected      each target path as the commit half read it in the worktree (null: absent); a path
 *                      that is no longer so is left alone, because the user changed it meanwhile
 * @param conflicts     paths that could not be merged
 * @param unresolved    paths not pushed because they are still unresolved conflicts of an earlier sync
 * @param nextConflicts the worktree's conflicts once the sync is done
 * @param nextOverrides the worktree's base overrides once the sync is done
 * @param nextKept      the conflicts whose worktree file keeps the user's own version
 * @param learned       stat-cache lines for files the commit half hashed that the cache did not know
 * @param tookNanos     how long the commit half took, lock wait included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncCommit(
        @JsonProperty("commit") String commit,
        @JsonProperty("previous") String previous,
        @JsonProperty("committed") boolean committed,
        @JsonProperty("up_to_date") boolean upToDate,
        @JsonProperty("finishes_pending") boolean finishesPending,
        @JsonProperty("pushed") List<String> pushed,
        @JsonProperty("targets") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BaseEntry> targets,
        @JsonProperty("expected") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BaseEntry> expected,
        @JsonProperty("conflicts") List<SyncConflict> conflicts,
        @JsonProperty("unresolved") List<String> unresolved,
        @JsonProperty("next_conflicts") List<String> nextConflicts,
        @JsonProperty("next_overrides") @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, BaseEntry> nextOverrides,
        @JsonProperty("next_kept") List<String> nextKept,
        @JsonProperty("learned") List<String> learned,
        @JsonProperty("took_nanos") long tookNanos) {

    public SyncCommit {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(previous, "previous");
        pushed = pushed == null ? List.of() : List.copyOf(pushed);
        targets = nullableMap(targets);
        expected = nullableMap(expected);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
        nextConflicts = nextConflicts == null ? List.of() : List.copyOf(nextConflicts);
        nextOverrides = nullableMap(nextOverrides);
        nextKept = nextKept == null ? List.of() : List.copyOf(nextKept);
        learned = learned == null ? List.of() : List.copyOf(learned);
        for (String p : targets.keySet()) {
            if (!expected.containsKey(p)) {
                throw new IllegalArgumentException("target " + p + " has no expected entry");
            }
        }
    }

    /** Map values may be null ("absent"), which {@code Map.copyOf} refuses. */
    private static Map<String, BaseEntry> nullableMap(Map<String, BaseEntry> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
