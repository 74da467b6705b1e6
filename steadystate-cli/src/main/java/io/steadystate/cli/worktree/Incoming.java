package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * How far the session branch has moved since the worktree's last sync.
 *
 * @param head    the session branch's head, or null when canonical has no such branch
 * @param commits commits on the session branch that the last synced commit does not have
 * @param files   paths (from the root, in git's order) that a sync would bring into the worktree: the
 *                branch changed them since the base, and the worktree does not already hold the
 *                branch's version
 */
record Incoming(ObjectId head, int commits, List<String> files) {

    Incoming {
        files = List.copyOf(files);
    }

    static Incoming of(Repository repo, String branch, ObjectId lastSynced, Map<String, TreeEntry> base,
            Map<String, TreeEntry> local) throws IOException {
        ObjectId head = repo.resolve(Constants.R_HEADS + branch + "^{commit}");
        if (head == null) {
            return new Incoming(null, 0, List.of());
        }
        int commits = 0;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(head));
            walk.markUninteresting(walk.parseCommit(lastSynced));
            while (walk.next() != null) {
                commits++;
            }
        }
        Map<String, TreeEntry> theirs = GitTrees.read(repo, head).asMap();
        TreeSet<String> paths = new TreeSet<>(Comparison.GIT_ORDER);
        paths.addAll(theirs.keySet());
        paths.addAll(base.keySet());
        List<String> files = new ArrayList<>();
        for (String p : paths) {
            TreeEntry t = theirs.get(p);
            if (!Comparison.same(t, base.get(p)) && !Comparison.same(t, local.get(p))) {
                files.add(p);
            }
        }
        return new Incoming(head, commits, files);
    }
}
