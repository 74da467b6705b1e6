/**
 * Synchronizes a session worktree with the session's canonical repository: an exclusive lock that a
 * crashed process cannot keep, a three-way tree merge of the last synced commit, the worktree on disk
 * and the session branch, one commit, and a refresh of the worktree that writes only what changed.
 */
module io.steadystate.sync {
    requires transitive io.steadystate.merge;
    requires transitive org.eclipse.jgit;
    requires com.fasterxml.jackson.databind;
    // JGit (an automatic module) logs through slf4j when it opens repositories; automatic modules do not
    // bring their dependencies into the module graph, so this one does.
    requires org.slf4j;

    exports io.steadystate.sync;

    // Jackson reads and writes the worktree's state records.
    opens io.steadystate.sync to com.fasterxml.jackson.databind;
    opens io.steadystate.sync.internal to com.fasterxml.jackson.databind;
}
