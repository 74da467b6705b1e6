package io.steadystate.sync;

import java.nio.file.Path;

/** Runs one sync in a process of its own, so that a test can kill it with SIGKILL at any moment. */
public final class SyncChild {

    private SyncChild() {
    }

    public static void main(String[] args) throws Exception {
        SyncResult r = new WorktreeSync(Worktree.open(Path.of(args[0]))).sync(Author.ofLogin(args[1]), SyncListener.SILENT);
        System.out.println(r.status() + " " + r.commit());
    }
}
