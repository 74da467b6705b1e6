package io.steadystate.sync;

/** Hears what a long sync is doing, to show progress to people. */
@FunctionalInterface
public interface SyncListener {

    /** A listener that ignores everything. */
    SyncListener SILENT = message -> { };

    /** One step, in words: "waiting for bob's sync", "reading the worktree", ... */
    void progress(String message);
}
