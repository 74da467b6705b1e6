package io.steadystate.cli.watch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of a session's {@code sync-log}: a {@code sync}, a {@code publish} or a {@code publish-failed};
 * fields a kind of event does not have are null (lists empty).
 *
 * @param time      when it happened
 * @param user      who ran it
 * @param event     {@code sync}, {@code publish}, {@code publish-failed}, or a kind this version does not know
 * @param commit    the canonical head after a sync, or the commit published
 * @param previous  the canonical head before a sync
 * @param pushed    how many files the sync took from the user's worktree
 * @param pulled    how many files the sync brought into it
 * @param conflicts the paths the sync left with conflicts
 * @param files     the paths it changed (at most 50)
 * @param branch    the branch published to
 * @param remote    the remote published to
 * @param reason    why a publish failed
 */
public record SyncEvent(Instant time, String user, String event, String commit, String previous, Integer pushed,
                        Integer pulled, List<String> conflicts, List<String> files, String branch, String remote,
                        String reason) {
    public SyncEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
